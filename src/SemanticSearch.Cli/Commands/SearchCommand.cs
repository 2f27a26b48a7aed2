using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Cli.Output;
using SemanticSearch.Clip;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Cli.Commands;

/// <summary><c>semsearch search</c>: text, image or "more like this" queries over a catalog.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("query")
        {
            Description = "What to look for; a weighted expression like \"cat + 0.5 snow - dog\" is allowed.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var image = new Option<string?>("--image") { Description = "Search by an example image file (combined with the text when both are given)." };
        var imageWeight = new Option<float>("--image-weight") { Description = "Weight of --image next to the text.", DefaultValueFactory = _ => 1f };
        var similar = new Option<long?>("--similar") { Description = "Search for images like the indexed image with this id." };
        var limit = new Option<int>("--limit", "-k") { Description = "Number of results.", DefaultValueFactory = _ => 10 };
        var offset = new Option<int>("--offset") { Description = "Skip this many results (paging)." };
        var minScore = new Option<float?>("--min-score") { Description = "Drop results with a cosine similarity below this." };
        var noDedup = new Option<bool>("--no-dedup") { Description = "Keep near-duplicate results (cosine ≥ 0.95 to a better one)." };
        var format = new Option<string?>("--format") { Description = "Only images of this format (jpeg, png, gif, webp, bmp)." };
        var folder = new Option<string?>("--folder") { Description = "Only images whose path or URL starts with this prefix." };
        var sort = new Option<SearchSort>("--sort")
        {
            Description = "relevance (default), or date: the most relevant matches (SemanticSearch:Search:DateSortWindow) newest first by date taken, then modification time.",
            DefaultValueFactory = _ => SearchSort.Relevance,
        };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {id, path, score, ...}. Without it a terminal gets a table and a pipe one \"score<TAB>path\" line per result." };
        var lang = new Option<string?>("--lang") { Description = "Language of the text as a BCP 47 tag (de, pt-BR); multilingual models that need one (NLLB-CLIP) use it." };
        var dataDir = CliHost.DataDirOption();
        var model = CliHost.ModelOption();

        var command = new Command("search", "Search the catalog by text, by an example image (--image) or by an indexed image (--similar).")
        {
            text, image, imageWeight, similar, limit, offset, minScore, noDedup, format, folder, sort, json, dataDir, model, lang,
        };
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(text)) && result.GetValue(image) is null && result.GetValue(similar) is null)
                result.AddError("Give a query text, --image PATH or --similar ID.");
            if (result.GetValue(lang) is { } tag && !LanguageTag.IsWellFormed(tag))
                result.AddError(LanguageTag.Problem(tag, "--lang"));
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var query = new SearchQuery
            {
                Text = parseResult.GetValue(text),
                Language = parseResult.GetValue(lang),
                ImageWeight = parseResult.GetValue(imageWeight),
                SimilarTo = parseResult.GetValue(similar),
                Limit = parseResult.GetValue(limit),
                Offset = parseResult.GetValue(offset),
                MinScore = parseResult.GetValue(minScore),
                HideNearDuplicates = !parseResult.GetValue(noDedup),
                Sort = parseResult.GetValue(sort),
                Filter = new SearchFilter(FolderPrefix: parseResult.GetValue(folder), Format: parseResult.GetValue(format)?.ToLowerInvariant()),
            };
            try
            {
                if (parseResult.GetValue(image) is { } imagePath)
                    query = query with { Image = await File.ReadAllBytesAsync(imagePath, cancellationToken) };
                await using var services = CliHost.BuildForReading(parseResult.GetValue(dataDir), parseResult.GetValue(model));
                var response = await services.GetRequiredService<ISearchService>().SearchAsync(query, cancellationToken);
                if (response.LanguageNote is { } note)
                    Console.Error.WriteLine($"semsearch search: {note}");
                SearchResultWriter.Write(response, query, parseResult.GetValue(json));
                return 0;
            }
            catch (Exception e) when (e is SearchQueryException or ImageDecodeException or FileNotFoundException or DirectoryNotFoundException)
            {
                Console.Error.WriteLine($"semsearch search: {e.Message}");
                return 2;
            }
            catch (ClipModelException e)
            {
                Console.Error.WriteLine($"semsearch search: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
