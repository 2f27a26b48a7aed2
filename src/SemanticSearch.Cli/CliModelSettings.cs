using Microsoft.Extensions.Configuration;
using SemanticSearch.Clip;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Crawler;
using SemanticSearch.Imaging;

namespace SemanticSearch.Cli;

/// <summary>
/// The model settings the verbs that embed without a data folder share (<c>embed</c> and the <c>bench</c> verbs,
/// which compile this file in): the same model and thumbnail side as the index, so they embed what it stores.
/// </summary>
internal static class CliModelSettings
{
    /// <summary><c>SemanticSearch:Model</c> from the settings, with <c>--model</c> (when given) as the path.</summary>
    public static ClipModelOptions ModelOptions(string? modelDir) =>
        CliHost.Settings(null, modelDir).GetSection(ClipModelOptions.SectionName).Get<ClipModelOptions>() ?? new ClipModelOptions();

    /// <summary>The image embedder the crawler and search use, with the thumbnail side from the settings.</summary>
    public static ImageEmbedder ImageEmbedder(IImageEncoder images, IImageDecoder decoder, string? modelDir)
    {
        var crawler = CliHost.Settings(null, modelDir).GetSection(CrawlerOptions.SectionName).Get<CrawlerOptions>() ?? new CrawlerOptions();
        return new ImageEmbedder(images, decoder, new ClipImagePreprocessor(decoder), crawler.ThumbnailMaxSide);
    }
}
