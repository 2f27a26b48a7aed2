using System.Text.RegularExpressions;

namespace SemanticSearch.Clip.Store;

/// <summary>Checks one configured known model, so a bad entry is reported at start instead of half-way through a pull.</summary>
internal static partial class KnownModelValidation
{
    public static IEnumerable<string> Problems(KnownModel model, string at)
    {
        if (string.IsNullOrWhiteSpace(model.Repository) || model.Repository.Contains("..", StringComparison.Ordinal))
            yield return $"{at}:Repository must name a repository such as 'org/model' (was '{model.Repository}').";
        if (string.IsNullOrWhiteSpace(model.Revision))
            yield return $"{at}:Revision must name a branch, tag or commit.";
        if (model.Files.Count == 0)
            yield return $"{at}:Files must list at least one file.";
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < model.Files.Count; f++)
        {
            var file = model.Files[f];
            if (!IsSafeRelative(file.Path))
                yield return $"{at}:Files:{f}:Path must be a relative path inside the repository (was '{file.Path}').";
            else if (!paths.Add(file.Path))
                yield return $"{at}:Files:{f}:Path '{file.Path}' is listed twice.";
            if (file.Sha256 is { } sha && !Sha256Hex().IsMatch(sha))
                yield return $"{at}:Files:{f}:Sha256 must be 64 hex digits or null (was '{sha}').";
            if (file.Size is <= 0)
                yield return $"{at}:Files:{f}:Size must be positive or null (was {file.Size}).";
        }
        if (model.Layout is { } layout)
            foreach (var missing in KnownModelLayoutFiles.Missing(layout, paths))
                yield return $"{at}:Files lacks {missing}, which the {layout} layout needs.";
        if (model.Dimension is < 1 or > 16384)
            yield return $"{at}:Dimension must be between 1 and 16384 (was {model.Dimension}).";
        if (model.InputSize is < 1 or > 4096)
            yield return $"{at}:InputSize must be between 1 and 4096 (was {model.InputSize}).";
        if (model.ApproximateSizeMegabytes is < 1)
            yield return $"{at}:ApproximateSizeMegabytes must be positive (was {model.ApproximateSizeMegabytes}).";
        for (var r = 0; r < model.Recall.Count; r++)
        {
            var recall = model.Recall[r];
            if (string.IsNullOrWhiteSpace(recall.Language))
                yield return $"{at}:Recall:{r}:Language must name the query language.";
            if (recall.Percent is < 0 or > 100 || double.IsNaN(recall.Percent))
                yield return $"{at}:Recall:{r}:Percent must be between 0 and 100 (was {recall.Percent}).";
            if (!Uri.TryCreate(recall.Source, UriKind.Absolute, out _))
                yield return $"{at}:Recall:{r}:Source must be the URL the figure was published at.";
        }
    }

    /// <summary>A non-empty relative path without <c>.</c>, <c>..</c> or backslashes, that cannot escape its folder.</summary>
    public static bool IsSafeRelative(string? path) =>
        !string.IsNullOrWhiteSpace(path) && !path.Contains('\\') && !path.StartsWith('/') && !Path.IsPathRooted(path)
        && path.Split('/').All(p => p.Length > 0 && p is not ("." or "..") && !p.EndsWith(".partial", StringComparison.Ordinal));

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
