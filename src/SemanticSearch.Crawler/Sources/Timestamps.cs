namespace SemanticSearch.Crawler.Sources;

/// <summary>
/// Modification times are compared for equality between scans, so they are cut to whole milliseconds in UTC:
/// the precision every catalog representation keeps, whatever the file system offers.
/// </summary>
internal static class Timestamps
{
    public static DateTimeOffset Normalize(DateTime utc) => Normalize(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}
