using System.Net;
using System.Text.Json;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Models;

/// <summary>The model admin API refuses bad choices with problem details and loses nothing.</summary>
public sealed class ModelApiProblemTests : IAsyncLifetime
{
    private readonly ModelSwitchHost _models = new();

    public Task InitializeAsync() => _models.IndexGalleryAsync();

    public async Task DisposeAsync() => await _models.DisposeAsync();

    [Fact]
    public async Task Unknown_missing_and_broken_models_are_problems_and_the_answering_model_stays()
    {
        await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { name = "no-such-model" }), HttpStatusCode.NotFound);
        var missing = Path.Combine(_models.DataDirectory, "models", "no-such-model");
        await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = missing }), HttpStatusCode.NotFound);
        var broken = Directory.CreateDirectory(Path.Combine(_models.DataDirectory, "models", "broken-model")).FullName;
        File.WriteAllText(Path.Combine(broken, "config.json"), "{ not json");
        await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = broken }), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = _models.SecondModel, variant = "Int3" }), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { name = "a", path = "b" }), HttpStatusCode.BadRequest);
        var garbage = await _models.Host.SendAsync(HttpMethod.Post, "/api/admin/model", ModelSwitchHost.Loopback,
            new Dictionary<string, string> { ["X-Api-Key"] = ModelSwitchHost.Key }, new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        await ApiAssert.ProblemAsync(garbage, HttpStatusCode.BadRequest);

        var status = await _models.StatusAsync();
        Assert.Equal("clip-demo", status.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("pendingModel").ValueKind);
    }

    [Fact]
    public async Task A_folder_outside_the_models_folder_is_refused_without_being_read_even_through_a_link()
    {
        // A complete model, but outside the allowed places: the same 400 whether or not the folder exists.
        var outside = ModelFamilyFolders.Materialize("openai-hf", _models.Outside);
        var elsewhere = await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = outside }), HttpStatusCode.BadRequest);
        Assert.Contains("inside", elsewhere.Detail);
        await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = "/etc" }), HttpStatusCode.BadRequest);
        var climbing = Path.Combine(_models.DataDirectory, "models", "..", "..", "outside", "openai-hf");
        await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = climbing }), HttpStatusCode.BadRequest);
        var link = Path.Combine(_models.DataDirectory, "models", "linked");
        Directory.CreateSymbolicLink(link, outside);
        await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = link }), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { name = "../elsewhere" }), HttpStatusCode.BadRequest);

        var status = await _models.StatusAsync();
        Assert.Equal("clip-demo", status.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("pendingModel").ValueKind);
    }

    [Fact]
    public async Task A_second_switch_while_one_is_pending_is_a_conflict_and_a_cancelled_switch_leaves_the_old_model()
    {
        var hold = await _models.HoldIndexingAsync();
        try
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = _models.SecondModel })).StatusCode);
            await _models.StatusWhenAsync(s => s.GetProperty("pendingModel").ValueKind == JsonValueKind.Object
                && s.GetProperty("pendingModel").GetProperty("phase").GetString() == "flipping");
            await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Post, "/api/admin/model", new { path = RepoPaths.DemoModel }), HttpStatusCode.Conflict);
            await ApiAssert.ProblemAsync(await _models.AdminAsync(HttpMethod.Delete, "/api/admin/models/clip-demo/vectors"), HttpStatusCode.Conflict);

            var cancelled = JsonDocument.Parse(await (await _models.AdminAsync(HttpMethod.Post, "/api/admin/model/cancel")).Content.ReadAsStringAsync()).RootElement;
            Assert.True(cancelled.GetProperty("cancelled").GetBoolean());
            var status = await _models.StatusWhenAsync(s => s.GetProperty("pendingModel").ValueKind == JsonValueKind.Object
                && s.GetProperty("pendingModel").GetProperty("phase").GetString() == "cancelled");
            Assert.Equal("clip-demo", status.GetProperty("model").GetString());
        }
        finally
        {
            hold.Dispose();
        }
        // The vectors made before the cancel are kept, and an admin can delete them.
        var deleted = JsonDocument.Parse(await (await _models.AdminAsync(HttpMethod.Delete, $"/api/admin/models/{ModelSwitchHost.SecondModelId}/vectors")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(_models.Gallery.Files.Count, deleted.GetProperty("deleted").GetInt64());
    }

    [Fact]
    public async Task Model_routes_need_an_admin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _models.Host.SendAsync(HttpMethod.Get, "/api/admin/models", "203.0.113.5")).StatusCode);
        var refused = await _models.Host.SendAsync(HttpMethod.Post, "/api/admin/model", "203.0.113.5", null,
            System.Net.Http.Json.JsonContent.Create(new { path = _models.SecondModel }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("clip-demo", (await _models.StatusAsync()).GetProperty("model").GetString());
    }
}
