using SemanticSearch.Core.Crawling;

namespace SemanticSearch.Crawler.Sources;

/// <summary>
/// What a scan of one source learned besides images: problems that are not an image (an unreadable folder, a page
/// that failed) and which parts of the source could not be seen, so their catalog rows are not taken for deleted.
/// </summary>
internal sealed class DiscoveryReport(Action<CrawlFailure>? onIssue = null)
{
    private readonly List<string> _unseenPrefixes = [];
    private readonly Lock _gate = new();

    /// <summary>False when the source, or an unknown part of it, was unavailable (see <see cref="Unavailable"/>).</summary>
    public bool Complete { get; private set; } = true;

    /// <summary>Locations under these prefixes were not enumerated this run.</summary>
    public IReadOnlyList<string> UnseenPrefixes { get { lock (_gate) return [.. _unseenPrefixes]; } }

    /// <summary>Records a problem that is not tied to one image row.</summary>
    public void Issue(string location, string kind, string reason) =>
        onIssue?.Invoke(new CrawlFailure(location, kind, reason, DateTimeOffset.UtcNow));

    /// <summary>A folder or page whose content could not be listed: its known images are kept as they are.</summary>
    public void Unseen(string prefix, string kind, string reason)
    {
        lock (_gate) _unseenPrefixes.Add(prefix);
        Issue(prefix, kind, reason);
    }

    /// <summary>
    /// All or an unknown part of the source could not be scanned (missing folder, a page that failed, the page limit):
    /// nothing of it is marked deleted this run.
    /// </summary>
    public void Unavailable(string location, string kind, string reason)
    {
        Complete = false;
        Issue(location, kind, reason);
    }

    /// <summary>True when <paramref name="location"/> lies under a part of the source that was not enumerated.</summary>
    public bool IsUnseen(string location)
    {
        lock (_gate)
        {
            foreach (var prefix in _unseenPrefixes)
            {
                if (location.StartsWith(prefix, StringComparison.Ordinal)
                    && (location.Length == prefix.Length || location[prefix.Length] == '/' || prefix.EndsWith('/')))
                    return true;
            }
        }
        return false;
    }
}
