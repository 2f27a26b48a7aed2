namespace SemanticSearch.Crawler;

/// <summary>Settings of the crawler and its pipeline (section <c>SemanticSearch:Crawler</c>).</summary>
public sealed class CrawlerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "SemanticSearch:Crawler";

    /// <summary>Decode/preprocess workers; 0 means one per processor.</summary>
    public int Workers { get; set; }

    /// <summary>Images per model call.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Capacity of each bounded channel between stages (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 64;

    /// <summary>The vector index is saved at least this often while a run writes (seconds).</summary>
    public int SaveIntervalSeconds { get; set; } = 30;

    /// <summary>... and after this many written images, whichever comes first.</summary>
    public int SaveEveryImages { get; set; } = 2000;

    /// <summary>Run an incremental scan when the hosted crawler starts.</summary>
    public bool ScanOnStartup { get; set; } = true;

    /// <summary>Run an incremental scan this often after start-up; null or zero disables periodic scans.</summary>
    public TimeSpan? RescanInterval { get; set; }

    /// <summary>How long a watched folder must stay quiet before its changes are indexed.</summary>
    public TimeSpan WatchDebounce { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest original accepted, file or download, in bytes.</summary>
    public long MaxDownloadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Largest width × height accepted (read from the header before decoding).</summary>
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>Requests per second per web host; 0 disables the limit.</summary>
    public double PerHostRequestsPerSecond { get; set; } = 2;

    /// <summary>Timeout of one HTTP attempt (seconds), including reading the body.</summary>
    public double HttpTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a failed HTTP request (transient errors and timeouts); 0 disables retries.</summary>
    public int HttpRetries { get; set; } = 2;

    /// <summary>The User-agent sent to web servers and matched against robots.txt groups.</summary>
    public string UserAgent { get; set; } = "SemanticSearchBot/1.0";

    /// <summary>Most HTML pages fetched per web source and run.</summary>
    public int MaxPagesPerSource { get; set; } = 500;

    /// <summary>Longest side of stored thumbnails in pixels.</summary>
    public int ThumbnailMaxSide { get; set; } = 320;

    /// <summary>File extensions indexed in folders (without dot); empty means jpg, jpeg, png, gif, webp, bmp.</summary>
    public string[] ImageExtensions { get; set; } = [];

    /// <summary>
    /// Folder sources (their locations) whose symbolic links may lead outside the folder. Empty by default: a link
    /// out of a source is not followed, since whatever is indexed can be viewed by anyone who can search.
    /// </summary>
    public string[] FollowLinksOutside { get; set; } = [];

    /// <summary>
    /// True when <paramref name="sourceLocation"/> (as the catalog stores it) is listed in <see cref="FollowLinksOutside"/>,
    /// in any spelling: both sides go through the one normaliser sources are stored with.
    /// </summary>
    public bool MayFollowLinksOutside(string sourceLocation) =>
        FollowLinksOutside.Any(l => Core.Catalog.SourceLocation.Normalise(Core.Catalog.SourceKind.Folder, l)
            == Core.Catalog.SourceLocation.Normalise(Core.Catalog.SourceKind.Folder, sourceLocation));

    /// <summary>The extensions used when <see cref="ImageExtensions"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultImageExtensions { get; } = ["jpg", "jpeg", "png", "gif", "webp", "bmp"];

    /// <summary>The effective worker count.</summary>
    public int EffectiveWorkers => Workers > 0 ? Workers : Environment.ProcessorCount;

    /// <summary>The effective extension list.</summary>
    public IReadOnlyList<string> EffectiveImageExtensions => ImageExtensions.Length > 0 ? ImageExtensions : DefaultImageExtensions;
}
