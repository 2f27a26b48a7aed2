using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Recognises the start-up failures a person can fix and says what to do, in one line; anything else is left to the
/// runtime's own report (a bug deserves its stack trace).
/// </summary>
public static class StartupFailure
{
    /// <summary>The line to print, or null when <paramref name="e"/> is not a known start-up failure.</summary>
    public static string? Describe(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } one => Describe(one.InnerException!),
        DataFolderException folder => folder.Message,
        // A setting with a bad value (or a retired one): the failures name the key and what it must be.
        OptionsValidationException options => string.Join(" ", options.Failures),
        IOException { InnerException: AddressInUseException } bind =>
            $"{bind.Message.TrimEnd('.')}. Another program (perhaps another SemanticSearch) uses that port: stop it, "
            + "or start this host on another address, e.g. --urls http://localhost:5001",
        _ => null,
    };

    /// <summary>
    /// The generic host logs a failed start ("Hosting failed to start") with the whole stack trace before rethrowing;
    /// the program reports known failures itself (see <see cref="Describe"/>) and the runtime reports the others, so
    /// the host's own error entries are left out. Hosted services here log their failures themselves.
    /// </summary>
    public static WebApplicationBuilder ReportStartupFailuresInOneLine(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level < LogLevel.Error);
        return builder;
    }
}
