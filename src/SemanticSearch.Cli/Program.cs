using System.CommandLine;
using SemanticSearch.Cli;
using SemanticSearch.Cli.Output;
using SemanticSearch.Core.Configuration;

TerminalOutput.Configure();
var root = new RootCommand("semsearch: semantic image search over your own folders and web sources, with CLIP.");
foreach (var command in CommandCatalog.Create())
    root.Subcommands.Add(command);
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (DataFolderException e)
{
    // A data folder that is held by another process, not writable or damaged: one line saying what to do.
    Console.Error.WriteLine($"semsearch: {e.Message}");
    return 1;
}
catch (Exception e) when (ModelLoadFailure.Describe(e) is { } reason)
{
    // A model folder that cannot be loaded: one line with the reason instead of a crash and a stack trace.
    Console.Error.WriteLine($"semsearch: {reason}");
    return 1;
}
