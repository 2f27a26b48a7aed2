using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Clip.Store;
using SemanticSearch.Core.Models;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Components.Admin;
using SemanticSearch.Web.Components.Pages;
using SemanticSearch.Web.Tests.Fakes;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Components;

/// <summary>The admin page's models panel over a fake model service (the panel is what is tested) and the real pull queue.</summary>
public sealed class ModelsPanelTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly WebComponentContext _context;
    private readonly FakeModelService _models = new()
    {
        AnsweringModel = "clip-demo",
        Models =
        [
            new ModelListing
            {
                Name = "clip-demo", ModelId = "clip-demo", Dimension = 64, InputSize = 64, Licence = "MIT", Installed = true, Answering = true,
                StoredVectors = 30, Variants = ["Fp32"],
            },
            new ModelListing
            {
                Name = "openai/clip-vit-base-patch32", ModelId = "openai-clip-b32", Repository = "Xenova/clip-vit-base-patch32",
                Dimension = 512, InputSize = 224, Licence = "MIT", ApproximateSizeMegabytes = 350,
                Recall = "English 65.2 % (Immich, Crossmodal-3600)", Installed = true, StoredVectors = 12, Variants = ["Fp32", "Quantized", "Fp16"],
            },
            new ModelListing
            {
                Name = "immich/ViT-B-16__openai", Repository = "immich-app/ViT-B-16__openai", Dimension = 512, InputSize = 224,
                Licence = "MIT", ApproximateSizeMegabytes = 600,
            },
        ],
    };

    public ModelsPanelTests() => _context = new(signedInAdmin: true, services: s => s.AddSingleton<IModelService>(_models));

    private static string Row(string model) => $"tr[data-model=\"{model}\"]";

    [Fact]
    public void The_table_lists_each_model_with_its_figures_and_names_the_answering_one()
    {
        var panel = _context.Render<ModelsPanel>();

        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("#model-table tbody tr").Count), Wait);
        Assert.Equal("clip-demo", panel.Find("#model-answering-name").TextContent);
        Assert.Equal("(ready)", panel.Find("#model-readiness").TextContent);
        var b32 = panel.Find(Row("openai/clip-vit-base-patch32"));
        Assert.Equal("512", b32.QuerySelector(".model-dimension")!.TextContent);
        Assert.Equal("224 px", b32.QuerySelector(".model-input")!.TextContent);
        Assert.Equal("~350 MB", b32.QuerySelector(".model-size")!.TextContent);
        Assert.Equal("English 65.2 % (Immich, Crossmodal-3600)", b32.QuerySelector(".model-recall")!.TextContent);
        Assert.Equal("yes", b32.QuerySelector(".model-installed")!.TextContent);
        Assert.Equal("12", b32.QuerySelector(".model-vectors")!.TextContent);
        Assert.Equal(["Auto", "Fp32", "Quantized", "Fp16"], b32.QuerySelectorAll(".model-variant option").Select(o => o.TextContent));
        Assert.Contains("answering", panel.Find(Row("clip-demo")).QuerySelector(".model-name")!.TextContent);
        // The answering model can be neither switched to nor have its vectors deleted; a model not pulled can only be pulled.
        Assert.Null(panel.Find(Row("clip-demo")).QuerySelector(".model-use"));
        Assert.Null(panel.Find(Row("clip-demo")).QuerySelector(".model-delete-vectors"));
        var notPulled = panel.Find(Row("immich/ViT-B-16__openai"));
        Assert.Equal("no", notPulled.QuerySelector(".model-installed")!.TextContent);
        Assert.NotNull(notPulled.QuerySelector(".model-pull"));
        Assert.Null(notPulled.QuerySelector(".model-use"));
    }

    [Fact]
    public async Task Use_switches_with_the_variant_chosen_in_the_row_and_Auto_when_none_was_chosen()
    {
        var panel = _context.Render<ModelsPanel>();
        panel.WaitForAssertion(() => panel.Find(Row("openai/clip-vit-base-patch32") + " .model-use"), Wait);

        await panel.Find(Row("openai/clip-vit-base-patch32") + " .model-use").ClickAsync(new MouseEventArgs());
        panel.WaitForAssertion(() => Assert.Single(_models.Choices), Wait);
        Assert.Equal(new ModelChoice { Name = "openai/clip-vit-base-patch32", Variant = "Auto" }, _models.Choices[0]);

        _models.Pending = null;
        _models.RaiseChanged();
        panel.WaitForAssertion(() => Assert.False(panel.Find(Row("openai/clip-vit-base-patch32") + " .model-use").HasAttribute("disabled")), Wait);
        await panel.Find(Row("openai/clip-vit-base-patch32") + " .model-variant").ChangeAsync(new ChangeEventArgs { Value = "Quantized" });
        await panel.Find(Row("openai/clip-vit-base-patch32") + " .model-use").ClickAsync(new MouseEventArgs());
        panel.WaitForAssertion(() => Assert.Equal(2, _models.Choices.Count), Wait);
        Assert.Equal(new ModelChoice { Name = "openai/clip-vit-base-patch32", Variant = "Quantized" }, _models.Choices[1]);
        panel.WaitForAssertion(() => Assert.Contains("Quantized", panel.Find("#models-message").TextContent), Wait);
    }

    [Fact]
    public async Task A_refused_switch_shows_the_reason_as_an_error()
    {
        _models.RefuseWith = "Model 'openai/clip-vit-base-patch32' cannot be loaded: onnx/vision_model.onnx is missing.";
        var panel = _context.Render<ModelsPanel>();
        panel.WaitForAssertion(() => panel.Find(Row("openai/clip-vit-base-patch32") + " .model-use"), Wait);

        await panel.Find(Row("openai/clip-vit-base-patch32") + " .model-use").ClickAsync(new MouseEventArgs());

        panel.WaitForAssertion(() => Assert.Equal(_models.RefuseWith, panel.Find("#models-message").TextContent), Wait);
        Assert.Contains("form-error", panel.Find("#models-message").ClassName);
        Assert.Empty(_models.Choices);
    }

    [Fact]
    public async Task Switch_progress_is_pushed_from_the_Changed_event_and_Cancel_switch_reaches_the_service()
    {
        var panel = _context.Render<ModelsPanel>();
        panel.WaitForAssertion(() => panel.Find("#model-table"), Wait);
        Assert.Empty(panel.FindAll("#model-switch"));

        _models.Pending = new ModelSwitchProgress("openai-clip-b32", 5, 20, ModelSwitchPhase.Embedding);
        _models.RaiseChanged();

        panel.WaitForAssertion(() => Assert.Equal("25", panel.Find("#model-switch-progress").GetAttribute("aria-valuenow")), Wait);
        Assert.Contains("5 of 20 images embedded", panel.Find("#model-switch-text").TextContent);
        Assert.Equal("embedding", panel.Find("#model-switch").GetAttribute("data-phase"));
        await panel.Find("#model-switch-cancel").ClickAsync(new MouseEventArgs());
        panel.WaitForAssertion(() => Assert.Equal(1, _models.Cancels), Wait);
        panel.WaitForAssertion(() => Assert.Contains("Cancelling the switch", panel.Find("#models-message").TextContent), Wait);

        _models.Pending = new ModelSwitchProgress("openai-clip-b32", 7, 20, ModelSwitchPhase.Failed, "The disk is full.");
        _models.RaiseChanged();
        panel.WaitForAssertion(() => Assert.Equal("The disk is full.", panel.Find("#model-switch-problem").TextContent), Wait);
        Assert.Empty(panel.FindAll("#model-switch-cancel"));
        Assert.Contains("clip-demo still answers", panel.Find("#model-switch-text").TextContent);

        _models.Pending = null;
        _models.AnsweringModel = "openai-clip-b32";
        _models.RaiseChanged();
        panel.WaitForAssertion(() => Assert.Equal("openai-clip-b32", panel.Find("#model-answering-name").TextContent), Wait);
        Assert.Empty(panel.FindAll("#model-switch"));
    }

    [Fact]
    public async Task Delete_vectors_asks_first_and_deletes_only_after_yes()
    {
        var panel = _context.Render<ModelsPanel>();
        panel.WaitForAssertion(() => panel.Find(Row("openai/clip-vit-base-patch32") + " .model-delete-vectors"), Wait);

        await panel.Find(Row("openai/clip-vit-base-patch32") + " .model-delete-vectors").ClickAsync(new MouseEventArgs());
        panel.WaitForAssertion(() => Assert.Contains("Delete the 12 kept vectors of openai/clip-vit-base-patch32", panel.Find("#confirm-delete-vectors").TextContent), Wait);
        await panel.Find("#confirm-delete-vectors-no").ClickAsync(new MouseEventArgs());
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("#confirm-delete-vectors")), Wait);
        Assert.Empty(_models.Deleted);

        await panel.Find(Row("openai/clip-vit-base-patch32") + " .model-delete-vectors").ClickAsync(new MouseEventArgs());
        await panel.Find("#confirm-delete-vectors-yes").ClickAsync(new MouseEventArgs());

        panel.WaitForAssertion(() => Assert.Equal(["openai-clip-b32"], _models.Deleted), Wait);
        panel.WaitForAssertion(() => Assert.Equal("Deleted 12 vectors of openai/clip-vit-base-patch32.", panel.Find("#models-message").TextContent), Wait);
    }

    [Fact]
    public async Task The_panel_stops_listening_when_it_is_disposed()
    {
        var panel = _context.Render<ModelsPanel>();
        panel.WaitForAssertion(() => Assert.True(_models.HasSubscribers), Wait);

        await _context.DisposeComponentsAsync();

        Assert.False(_models.HasSubscribers);
    }

    [Fact]
    public void The_admin_page_carries_the_panel()
    {
        var page = _context.Render<Admin>();

        page.WaitForAssertion(() => Assert.Equal("clip-demo", page.Find("#models #model-answering-name").TextContent), Wait);
    }

    [Fact]
    public async Task Pull_shows_live_progress_from_a_real_download_and_Cancel_pull_stops_it()
    {
        using var temp = new TempDirectory("semsearch-bunit-pull");
        const string vision = "onnx/vision_model.onnx";
        var served = temp.Combine("server", "immich-app", "ViT-B-16__openai", "resolve", "main");
        Directory.CreateDirectory(Path.Combine(served, "onnx"));
        File.Copy(Path.Combine(RepoPaths.DemoModel, vision), Path.Combine(served, vision));
        using var server = new ModelFileServer(temp.Combine("server"));
        server.HoldOnceAfter($"/immich-app/ViT-B-16__openai/resolve/main/{vision}", 100_000);
        var bytes = File.ReadAllBytes(Path.Combine(served, vision));
        var store = new ModelStore(new ModelStoreOptions
        {
            BaseUrl = server.BaseUrl,
            MaxAttempts = 1,
            Known =
            [
                new KnownModel
                {
                    Name = "immich/ViT-B-16__openai", Repository = "immich-app/ViT-B-16__openai",
                    Files = [new KnownModelFile { Path = vision, Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) }],
                },
            ],
        }, temp.Combine("models"));
        using var context = new WebComponentContext(signedInAdmin: true, services: s =>
        {
            s.AddSingleton<IModelService>(_models);
            s.AddSingleton(store);
        });
        var panel = context.Render<ModelsPanel>();
        var row = Row("immich/ViT-B-16__openai");
        panel.WaitForAssertion(() => panel.Find(row + " .model-pull"), Wait);

        await panel.Find(row + " .model-pull").ClickAsync(new MouseEventArgs());

        panel.WaitForAssertion(() => Assert.InRange(int.Parse(panel.Find(row + " .model-pull-progress").GetAttribute("aria-valuenow")!), 1, 99), Wait);
        Assert.Contains("of 1.4 MB, file 1 of 1", panel.Find(row + " .model-pull-text").TextContent);
        Assert.Null(panel.Find(row).QuerySelector(".model-pull"));
        await panel.Find(row + " .model-pull-cancel").ClickAsync(new MouseEventArgs());
        panel.WaitForAssertion(() => Assert.Contains("Cancelled", panel.Find(row + " .model-pull-text").TextContent), Wait);
        Assert.NotNull(panel.Find(row).QuerySelector(".model-pull"));
        Assert.False(store.IsInstalled("immich/ViT-B-16__openai"));
        server.Release();
    }

    public void Dispose() => _context.Dispose();
}
