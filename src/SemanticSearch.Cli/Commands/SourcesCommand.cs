using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Crawler;
using SemanticSearch.Cli.Output;
using Spectre.Console;

namespace SemanticSearch.Cli.Commands;

/// <summary><c>semsearch sources list|add|remove</c>: the folders and web sources the catalog indexes.</summary>
internal static class SourcesCommand
{
    public static Command Create()
    {
        var command = new Command("sources", "List, add and remove the folders and web sources that are indexed.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateRemove());
        return command;
    }

    /// <summary>
    /// A source from a command-line location, read by <see cref="SourceLocation.TryParse"/>: an http(s) URL is a web
    /// source, anything else an existing folder. Throws <see cref="ArgumentException"/> with a readable message otherwise.
    /// </summary>
    internal static CatalogSource ToSource(string location, IReadOnlyList<string>? include = null, IReadOnlyList<string>? exclude = null, bool watch = false, int depth = 0)
    {
        if (!SourceLocation.TryParse(location, out var source, out var error))
            throw new ArgumentException(error);
        if (source.Kind == SourceKind.Web)
        {
            if (watch)
                throw new ArgumentException("--watch applies to folders only.");
            return source with { MaxDepth = depth };
        }
        return source with { Include = include ?? [], Exclude = exclude ?? [], Watch = watch };
    }

    private static Command CreateList()
    {
        var dataDir = CliHost.DataDirOption();
        var command = new Command("list", "Show the catalog's sources (appsettings.json sources are merged in first).");
        command.Options.Add(dataDir);
        command.SetAction(parseResult =>
        {
            using var services = CliHost.Build(parseResult.GetValue(dataDir), null);
            var catalog = services.GetRequiredService<ICatalogStore>();
            if (!TrySync(services))
                return 1;
            var table = new Table().AddColumns(new TableColumn("Id").RightAligned(), new TableColumn("Kind"), new TableColumn("Location"),
                new TableColumn("Include"), new TableColumn("Exclude"), new TableColumn("Watch"), new TableColumn("Depth").RightAligned(), new TableColumn("Enabled"));
            foreach (var s in catalog.GetSources())
            {
                table.AddRow(NumberText.Id(s.Id), s.Kind.ToString(), Markup.Escape(s.Location), Markup.Escape(string.Join(" ", s.Include)),
                    Markup.Escape(string.Join(" ", s.Exclude)), s.Watch ? "yes" : "", s.Kind == SourceKind.Web ? NumberText.Id(s.MaxDepth) : "", s.Enabled ? "yes" : "no");
            }
            // Whole locations: a path broken over lines cannot be copied back into `sources remove`.
            TerminalOutput.WriteUnwrapped(table);
            return 0;
        });
        return command;
    }

    private static Command CreateAdd()
    {
        var location = new Argument<string>("location") { Description = "A folder, or an http(s) URL: a start page, a text file listing image URLs, or one image." };
        var include = new Option<string[]>("--include") { Description = "Glob a file must match (folders; repeat for several), e.g. \"**/*.jpg\".", Arity = ArgumentArity.ZeroOrMore };
        var exclude = new Option<string[]>("--exclude") { Description = "Glob that excludes files (folders; repeat for several), e.g. \"**/thumbs/**\".", Arity = ArgumentArity.ZeroOrMore };
        var watch = new Option<bool>("--watch") { Description = "Watch the folder and index changes as they happen (in the web app)." };
        var depth = new Option<int>("--depth") { Description = "Web: how many links deep to follow from the start page (default 0: that page only).", DefaultValueFactory = _ => 0 };
        var dataDir = CliHost.DataDirOption();
        var command = new Command("add", "Add a folder or web source (or update the settings of an existing one). Run `semsearch index` to index it.");
        command.Arguments.Add(location);
        command.Options.Add(include);
        command.Options.Add(exclude);
        command.Options.Add(watch);
        command.Options.Add(depth);
        command.Options.Add(dataDir);
        command.Validators.Add(result =>
        {
            if (result.GetValue(depth) is < 0 or > 10)
                result.AddError("--depth must be between 0 and 10.");
        });
        command.SetAction(parseResult =>
        {
            CatalogSource source;
            try
            {
                source = ToSource(parseResult.GetValue(location)!, parseResult.GetValue(include), parseResult.GetValue(exclude),
                    parseResult.GetValue(watch), parseResult.GetValue(depth));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"semsearch sources add: {e.Message}");
                return 2;
            }
            using var services = CliHost.Build(parseResult.GetValue(dataDir), null);
            var catalog = services.GetRequiredService<ICatalogStore>();
            var existed = catalog.GetSources().Any(s => s.Kind == source.Kind && s.Location == source.Location);
            var stored = catalog.AddSource(source);
            Console.Out.WriteLine($"{(existed ? "Updated" : "Added")} source {stored.Id}: {stored.Kind} {stored.Location}");
            return 0;
        });
        return command;
    }

    private static Command CreateRemove()
    {
        var target = new Argument<string>("source") { Description = "The source's id (see `sources list`) or its location." };
        var dataDir = CliHost.DataDirOption();
        var command = new Command("remove", "Remove a source: its images are marked deleted and leave the index; it is not added back from appsettings.json.");
        command.Arguments.Add(target);
        command.Options.Add(dataDir);
        command.SetAction(parseResult =>
        {
            var given = parseResult.GetValue(target)!;
            using var services = CliHost.Build(parseResult.GetValue(dataDir), null);
            var catalog = services.GetRequiredService<ICatalogStore>();
            // The same list `sources list` shows, so a configured source can be removed before it was ever indexed.
            if (!TrySync(services))
                return 1;
            var sources = catalog.GetSources();
            var source = long.TryParse(given, out var id)
                ? sources.FirstOrDefault(s => s.Id == id)
                : string.IsNullOrWhiteSpace(given) ? null : sources.FirstOrDefault(s => s.Location == SourceLocation.Normalise(s.Kind, given));
            if (source is null)
            {
                Console.Error.WriteLine($"semsearch sources remove: no source '{given}'. See `semsearch sources list`.");
                return 2;
            }
            var writer = services.GetRequiredService<ICatalogWriter>();
            var result = writer.RemoveSource(source.Id);
            writer.Checkpoint();
            Console.Out.WriteLine($"Removed source {source.Id}: {source.Location} ({result.Changes.Count(c => c.IsRemoval)} images left the index).");
            // The removal is recorded in the catalog, so a source from appsettings.json does not come back either.
            Console.Out.WriteLine("It stays removed from this data folder until it is added again with `semsearch sources add`.");
            return 0;
        });
        return command;
    }

    /// <summary>Merges the appsettings.json sources into the catalog; false (with the reason printed) when they are invalid.</summary>
    internal static bool TrySync(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<ConfiguredSourceSync>().EnsureSynced();
            return true;
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine($"semsearch: invalid settings: {string.Join(" ", e.Failures)}");
            return false;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"semsearch: invalid settings: {e.Message}");
            return false;
        }
    }
}
