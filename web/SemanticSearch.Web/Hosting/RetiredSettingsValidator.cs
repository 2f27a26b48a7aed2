using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// Refuses to start with a setting that earlier versions read and this one does not: left in a settings file or the
/// environment it would be ignored without a word, while its owner believes it applies. The message names where the
/// value goes now.
/// </summary>
internal sealed class RetiredSettingsValidator(IConfiguration configuration) : IValidateOptions<WebOptions>
{
    /// <summary>Retired key, and where its value goes now.</summary>
    private static readonly (string Key, string Replacement)[] Retired =
    [
        ("SemanticSearch:Web:MaxQueryLength", "SemanticSearch:Search:MaxQueryLength"),
        ("SemanticSearch:Web:MaxResults", "SemanticSearch:Search:MaxLimit (results per page) and SemanticSearch:Search:MaxDepth (how deep paging goes)"),
    ];

    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var problems = Retired
            .Where(r => configuration[r.Key] is not null)
            .Select(r => $"{r.Key} is no longer read; set {r.Replacement} instead, and remove {r.Key}.")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
