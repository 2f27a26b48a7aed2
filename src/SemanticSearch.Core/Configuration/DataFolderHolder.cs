using System.Globalization;

namespace SemanticSearch.Core.Configuration;

/// <summary>Who holds a data folder's lock: written next to the lock file so a second process can name the holder.</summary>
/// <param name="ProcessId">The holder's process id.</param>
/// <param name="Program">What the holder is, e.g. "the web host" or "semsearch index".</param>
/// <param name="Url">Where the web host listens, when the holder is one.</param>
public sealed record DataFolderHolder(int ProcessId, string Program, string? Url)
{
    /// <summary>The holder as it is written to the owner file: one <c>key=value</c> per line.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"pid={ProcessId}\nprogram={Program}\nurl={Url}\n");

    /// <summary>Reads an owner file's text; null when it is missing or unreadable (a holder that crashed mid-write).</summary>
    public static DataFolderHolder? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var values = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);
        if (!values.TryGetValue("pid", out var pid) || !int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return null;
        var url = values.GetValueOrDefault("url");
        return new DataFolderHolder(id, values.GetValueOrDefault("program") ?? "another process", string.IsNullOrEmpty(url) ? null : url);
    }

    /// <summary>"the web host (pid 123, http://127.0.0.1:5000)".</summary>
    public override string ToString() =>
        Url is null ? $"{Program} (pid {ProcessId})" : $"{Program} (pid {ProcessId}, {Url})";
}
