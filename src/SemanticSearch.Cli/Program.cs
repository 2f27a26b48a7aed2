using System.CommandLine;
using SemanticSearch.Cli;

var root = new RootCommand("semsearch: semantic image search over your own folders and web sources, with CLIP.");
foreach (var command in CommandCatalog.Create())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
