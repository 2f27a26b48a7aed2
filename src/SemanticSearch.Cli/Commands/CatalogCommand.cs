using System.CommandLine;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Storage.Catalog;
using SemanticSearch.Storage.Index;
using Microsoft.Extensions.Configuration;

namespace SemanticSearch.Cli.Commands;

/// <summary>
/// <c>semsearch catalog check</c>: whether the catalog file is sound and the vector index agrees with it. Exit code 0
/// when it is, 1 with one line per problem when not. Reads only, so it runs beside a host.
/// </summary>
internal static class CatalogCommand
{
    public static Command Create()
    {
        var command = new Command("catalog", "Inspect the catalog database.");
        command.Subcommands.Add(CreateCheck());
        return command;
    }

    private static Command CreateCheck()
    {
        var dataDir = CliHost.DataDirOption();
        var command = new Command("check", "SQLite integrity check, every indexed image has an embedding of the catalog's model, the index agrees.") { dataDir };
        command.SetAction(parseResult =>
        {
            var settings = CliHost.Settings(parseResult.GetValue(dataDir), null);
            var folder = new DataFolder(settings["SemanticSearch:DataDirectory"]);
            var options = settings.GetSection(VectorIndexOptions.Section).Get<VectorIndexOptions>() ?? new VectorIndexOptions();
            var problems = CatalogCheck.Run(folder, options);
            foreach (var problem in problems)
                Console.Out.WriteLine(problem);
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"semsearch catalog check: {problems.Count} problem(s) in {folder.Root}.");
                return 1;
            }
            Console.Out.WriteLine($"{folder.CatalogPath}: ok (integrity, embeddings and vector index agree).");
            return 0;
        });
        return command;
    }
}
