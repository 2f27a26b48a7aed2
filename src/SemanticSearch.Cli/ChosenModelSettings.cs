using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Clip;
using SemanticSearch.Clip.Store;
using SemanticSearch.Core.Models;

namespace SemanticSearch.Cli;

/// <summary>
/// Makes the verbs that embed use the model chosen with <c>semsearch models use</c> or the admin page, which the
/// catalog records: its vectors are that model's, so indexing or searching with the settings' model would re-embed or
/// compare two models' vectors. <c>--model</c> still wins.
/// </summary>
internal static class ChosenModelSettings
{
    public static void Follow(IServiceCollection services) =>
        services.AddOptions<ClipModelOptions>().PostConfigure<IModelVectorStore, ModelStore>((options, vectors, store) =>
        {
            if (vectors.GetChosenModel() is not { } chosen)
                return;
            if (chosen.Name is { Length: > 0 } name)
                options.Path = store.InstallPath(name);
            else if (chosen.Path is { Length: > 0 } path)
                options.Path = path;
            if (chosen.Variant is { Length: > 0 } text && Enum.TryParse<ModelVariant>(text, ignoreCase: true, out var variant))
                options.Variant = variant;
        });
}
