using System.CommandLine;
using SemanticSearch.Cli.Commands;

namespace SemanticSearch.Cli;

/// <summary>
/// Every verb of the semsearch tool, one factory per file under Commands/, in the order <c>--help</c> lists them:
/// everyday use first (search, index, manage sources, look at the catalog), then models, then developer tools.
/// </summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create() =>
    [
        SearchCommand.Create(),
        IndexCommand.Create(),
        SourcesCommand.Create(),
        StatsCommand.Create(),
        CatalogCommand.Create(),
        ModelsCommand.Create(),
        EmbedCommand.Create(),
        TokenizeCommand.Create(),
        PreprocessCommand.Create(),
        SemanticSearch.Bench.Commands.BenchCommand.Create(),
    ];
}
