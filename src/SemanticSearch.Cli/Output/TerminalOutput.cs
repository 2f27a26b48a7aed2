using Spectre.Console;
using Spectre.Console.Rendering;

namespace SemanticSearch.Cli.Output;

/// <summary>
/// Where standard output goes. A pipe or file gets plain text with no colour, no cursor codes and no width limit, so
/// table cells (file names above all) are never wrapped or cut to an imagined 80-column screen.
/// </summary>
internal static class TerminalOutput
{
    /// <summary>Width given to tables when output is not a terminal: wide enough that no cell is ever wrapped.</summary>
    public const int PipeWidth = 32_767;

    /// <summary>True when standard output is a terminal (not redirected to a pipe or file).</summary>
    public static bool IsTerminal => !Console.IsOutputRedirected;

    /// <summary>Sets up <see cref="AnsiConsole.Console"/> for the output at hand; call once before any verb writes.</summary>
    public static void Configure()
    {
        if (IsTerminal)
            return;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PipeWidth;
        AnsiConsole.Console = console;
    }

    /// <summary>
    /// Writes a table whose cells hold file names or URLs at its natural width even in a narrow terminal: the terminal
    /// folds the long line on screen, but each name stays whole and can be copied back into a command.
    /// </summary>
    public static void WriteUnwrapped(IRenderable table)
    {
        var profile = AnsiConsole.Profile;
        var width = profile.Width;
        profile.Width = PipeWidth;
        try
        {
            AnsiConsole.Write(table);
        }
        finally
        {
            profile.Width = width;
        }
    }
}
