namespace SemanticSearch.Crawler.Models;

/// <summary>Settings of model loading and switching (<c>SemanticSearch:ModelSwitch</c>).</summary>
public sealed class ModelSwitchOptions
{
    public const string SectionName = "SemanticSearch:ModelSwitch";

    /// <summary>
    /// How long the vectors of a model that stopped answering are kept (switching back to it is instant while they
    /// are); null keeps them until an admin deletes them.
    /// </summary>
    public TimeSpan? KeepOldVectors { get; set; }

    /// <summary>Seconds between attempts to load a model that is missing or failed (it may be pulled meanwhile).</summary>
    public int RetrySeconds { get; set; } = 30;

    /// <summary>Images embedded per catalog write during a switch (the progress moves in these steps).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Problems with the settings, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (KeepOldVectors is { } keep && keep < TimeSpan.Zero)
            problems.Add("SemanticSearch:ModelSwitch:KeepOldVectors must not be negative.");
        if (RetrySeconds is < 1 or > 3600)
            problems.Add("SemanticSearch:ModelSwitch:RetrySeconds must be 1-3600.");
        if (BatchSize is < 1 or > 1024)
            problems.Add("SemanticSearch:ModelSwitch:BatchSize must be 1-1024.");
        return problems;
    }
}
