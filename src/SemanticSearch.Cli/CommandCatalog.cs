using System.CommandLine;
using SemanticSearch.Cli.Commands;

namespace SemanticSearch.Cli;

/// <summary>Every verb of the semsearch tool, one factory per file under Commands/.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create() =>
    [
        EmbedCommand.Create(),
        ModelsCommand.Create(),
        BenchCommand.Create(),
        TokenizeCommand.Create(),
        PreprocessCommand.Create(),
        SearchCommand.Create(),
        StatsCommand.Create(),
        IndexCommand.Create(),
        SourcesCommand.Create(),
        CatalogCommand.Create(),
    ];
}
