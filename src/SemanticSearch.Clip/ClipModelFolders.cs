using System.Globalization;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Clip.Store;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Models;

namespace SemanticSearch.Clip;

/// <summary>Resolves model choices to folders (known names through the store, paths as given) and loads them.</summary>
public sealed class ClipModelFolders(ClipModelOptions options, ModelStore store) : IModelFolders
{
    private readonly ModelFolderPlaces _places = new(AppPaths.Resolve(options.Path), store.ModelsDirectory);

    /// <inheritdoc />
    public ModelChoice Configured { get; } = new()
    {
        Path = AppPaths.Resolve(options.Path),
        Variant = options.Variant == ModelVariant.Auto ? null : options.Variant.ToString(),
    };

    /// <inheritdoc />
    public IReadOnlyList<ModelListing> List()
    {
        var rows = store.Known.Select(known =>
        {
            var installed = store.IsInstalled(known.Name);
            var folder = installed ? TryOpen(store.InstallPath(known.Name)) : null;
            return new ModelListing
            {
                Name = known.Name,
                ModelId = folder?.ModelId,
                Repository = known.Repository,
                Dimension = known.Dimension ?? folder?.ProjectionDim,
                InputSize = known.InputSize,
                Licence = known.Licence,
                ApproximateSizeMegabytes = known.ApproximateSizeMegabytes,
                Recall = known.Recall.Count == 0 ? null : string.Join("; ", known.Recall.Select(r =>
                    string.Create(CultureInfo.InvariantCulture, $"{r.Language} {r.Percent:0.0} % ({r.Source})"))),
                Installed = installed,
                Variants = installed ? VariantsIn(store.InstallPath(known.Name)) : [],
            };
        }).ToList();
        // Folders pulled earlier or copied in by hand, not (or no longer) in the known list.
        if (Directory.Exists(store.ModelsDirectory))
        {
            foreach (var dir in Directory.EnumerateDirectories(store.ModelsDirectory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                if (rows.Any(r => r.Name == name) || !File.Exists(Path.Combine(dir, ModelStore.CompletionMarker)))
                    continue;
                var folder = TryOpen(dir);
                rows.Add(new ModelListing { Name = name, ModelId = folder?.ModelId, Dimension = folder?.ProjectionDim, Installed = true, Variants = VariantsIn(dir) });
            }
        }
        return rows;
    }

    /// <inheritdoc />
    public IEmbeddingModel Load(ModelChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var variant = ModelVariant.Auto;
        if (choice.Variant is { Length: > 0 } text && (!Enum.TryParse(text, ignoreCase: true, out variant) || !Enum.IsDefined(variant)))
            throw new ModelChoiceException($"Unknown variant '{text}': use Auto, Fp32, Quantized or Fp16.");
        var directory = FolderOf(choice);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Model folder '{directory}' does not exist. Pull it (semsearch models pull NAME) or set SemanticSearch:Model:Path.");
        try
        {
            return ClipEmbeddingModel.Load(directory, WithVariant(variant));
        }
        catch (Exception e) when (e is ClipModelException or IOException or InvalidDataException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException
            or System.Text.Json.JsonException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
        {
            throw new ModelChoiceException($"The model in '{directory}' cannot be loaded: {e.Message}");
        }
    }

    /// <inheritdoc />
    public string? VariantOf(IEmbeddingModel model) => (model as ClipEmbeddingModel)?.Folder.Variant.ToString();

    private string FolderOf(ModelChoice choice)
    {
        if (choice.Name is { Length: > 0 } name)
        {
            var known = store.Find(name);
            string installed;
            try
            {
                installed = store.InstallPath(name);
            }
            catch (ModelStoreException e)
            {
                throw new ModelChoiceException(e.Message);
            }
            if (known is null && !File.Exists(Path.Combine(installed, ModelStore.CompletionMarker)))
                throw new ModelChoiceException($"Unknown model '{name}': see semsearch models list.") { Problem = ModelChoiceProblem.NotFound };
            if (known is not null && !store.IsInstalled(name))
                throw new ModelChoiceException($"Model '{name}' is not installed: pull it first (semsearch models pull {name}).") { Problem = ModelChoiceProblem.NotFound };
            return installed;
        }
        if (choice.Path is { Length: > 0 } path)
            return _places.Check(AppPaths.Resolve(path));
        throw new ModelChoiceException("Name a known model or give a model folder.");
    }

    private ClipModelOptions WithVariant(ModelVariant variant) => new()
    {
        Path = options.Path,
        Variant = variant,
        ExecutionProvider = options.ExecutionProvider,
        DeviceId = options.DeviceId,
        IntraOpThreads = options.IntraOpThreads,
        InterOpThreads = options.InterOpThreads,
        GraphOptimizationLevel = options.GraphOptimizationLevel,
        AllowSpinning = options.AllowSpinning,
        BatchSize = options.BatchSize,
    };

    private static ClipModelFolder? TryOpen(string directory)
    {
        try
        {
            return ClipModelFolder.Open(directory);
        }
        catch (Exception e) when (e is ClipModelException or IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            return null;
        }
    }

    private static IReadOnlyList<string> VariantsIn(string directory) =>
        [.. new[] { ModelVariant.Fp32, ModelVariant.Quantized, ModelVariant.Fp16 }
            .Where(v => File.Exists(Path.Combine(directory, ClipModelFolder.OnnxFileName("vision_model", v))))
            .Select(v => v.ToString())];
}
