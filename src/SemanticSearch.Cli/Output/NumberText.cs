using System.Globalization;

namespace SemanticSearch.Cli.Output;

/// <summary>
/// The one way the CLI writes numbers for people: invariant culture, counts with thousands separators, scores with
/// three decimals, sizes in MiB. JSON output keeps raw numbers.
/// </summary>
internal static class NumberText
{
    /// <summary>A count such as 12,345.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>An id or rank, without separators, so it can be typed back (<c>--similar 1234</c>).</summary>
    public static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A similarity score such as 0.827.</summary>
    public static string Score(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A byte size such as 12.3 MiB.</summary>
    public static string Mebibytes(long bytes) => (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture) + " MiB";

    /// <summary>A rate or duration in one decimal, such as 38.0.</summary>
    public static string OneDecimal(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>Pixel dimensions such as 200×160; empty when unknown.</summary>
    public static string Dimensions(int width, int height) =>
        width > 0 && height > 0 ? string.Create(CultureInfo.InvariantCulture, $"{width}×{height}") : "";
}
