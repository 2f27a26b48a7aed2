using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Index;
using SemanticSearch.Crawler;
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
    /// A source from a command-line location: an http(s) URL is a web source, anything else a folder (made absolute;
    /// it must exist). Throws <see cref="ArgumentException"/> with a readable message otherwise.
    /// </summary>
    internal static CatalogSource ToSource(string location, IReadOnlyList<string>? include = null, IReadOnlyList<string>? exclude = null, bool watch = false, int depth = 0)
    {
        if (WebLocations.IsHttpUrl(location))
        {
            if (watch)
                throw new ArgumentException("--watch applies to folders only.");
            return new CatalogSource { Kind = SourceKind.Web, Location = location.Trim(), MaxDepth = depth };
        }
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(location));
        if (!Directory.Exists(folder))
            throw new ArgumentException($"The folder {folder} does not exist (give a folder or an http(s) URL).");
        return new CatalogSource { Kind = SourceKind.Folder, Location = folder, Include = include ?? [], Exclude = exclude ?? [], Watch = watch };
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
            var table = new Table().AddColumns("Id", "Kind", "Location", "Include", "Exclude", "Watch", "Depth", "Enabled");
            foreach (var s in catalog.GetSources())
            {
                table.AddRow(s.Id.ToString(), s.Kind.ToString(), Markup.Escape(s.Location), Markup.Escape(string.Join(" ", s.Include)),
                    Markup.Escape(string.Join(" ", s.Exclude)), s.Watch ? "yes" : "", s.Kind == SourceKind.Web ? s.MaxDepth.ToString() : "", s.Enabled ? "yes" : "no");
            }
            AnsiConsole.Write(table);
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
        var command = new Command("remove", "Remove a source: its images are marked deleted and leave the index.");
        command.Arguments.Add(target);
        command.Options.Add(dataDir);
        command.SetAction(parseResult =>
        {
            var given = parseResult.GetValue(target)!;
            using var services = CliHost.Build(parseResult.GetValue(dataDir), null);
            var catalog = services.GetRequiredService<ICatalogStore>();
            var sources = catalog.GetSources();
            var source = long.TryParse(given, out var id)
                ? sources.FirstOrDefault(s => s.Id == id)
                : sources.FirstOrDefault(s => s.Location == given.Trim())
                  ?? sources.FirstOrDefault(s => s.Kind == SourceKind.Folder && s.Location == Path.TrimEndingDirectorySeparator(Path.GetFullPath(given)));
            if (source is null)
            {
                Console.Error.WriteLine($"semsearch sources remove: no source '{given}'. See `semsearch sources list`.");
                return 2;
            }
            var result = catalog.RemoveSource(source.Id);
            var index = services.GetRequiredService<IVectorIndexStore>();
            index.Apply(result);
            index.Checkpoint();
            Console.Out.WriteLine($"Removed source {source.Id}: {source.Location} ({result.Changes.Count(c => c.IsRemoval)} images left the index).");
            var configured = services.GetRequiredService<IOptions<ConfiguredSources>>().Value.Items
                .Select(ConfiguredSources.ToCatalogSource)
                .Any(s => s.Kind == source.Kind && s.Location == source.Location);
            if (configured)
                Console.Error.WriteLine("Note: this source is listed in appsettings.json (SemanticSearch:Sources) and comes back at the next start; remove it there too.");
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
    }
}
