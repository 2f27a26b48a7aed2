namespace SemanticSearch.Clip.Store;

/// <summary>Where models are downloaded from and which ones are known. Bound from the <c>SemanticSearch:Models</c> section.</summary>
public sealed class ModelStoreOptions
{
    /// <summary>The settings section these options are bound from.</summary>
    public const string SectionName = "SemanticSearch:Models";

    /// <summary>Hugging Face, whose <c>{repo}/resolve/{revision}/{path}</c> URLs the store uses.</summary>
    public const string DefaultBaseUrl = "https://huggingface.co";

    /// <summary>Server that files are downloaded from as <c>{BaseUrl}/{Repository}/resolve/{Revision}/{Path}</c>.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Models that can be pulled by name.</summary>
    public List<KnownModel> Known { get; set; } = [];

    /// <summary>Tries per file before a pull gives up; each retry resumes where the last one stopped.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Seconds without a single byte received after which a transfer counts as broken and is retried.</summary>
    public int StallTimeoutSeconds { get; set; } = 60;

    /// <summary>Every problem with these settings, by setting name; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            errors.Add($"{SectionName}:BaseUrl must be an absolute http(s) URL (was '{BaseUrl}').");
        if (MaxAttempts is < 1 or > 100)
            errors.Add($"{SectionName}:MaxAttempts must be between 1 and 100 (was {MaxAttempts}).");
        if (StallTimeoutSeconds is < 1 or > 3600)
            errors.Add($"{SectionName}:StallTimeoutSeconds must be between 1 and 3600 (was {StallTimeoutSeconds}).");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Known.Count; i++)
        {
            var at = $"{SectionName}:Known:{i}";
            var model = Known[i];
            if (!KnownModelValidation.IsSafeRelative(model.Name))
                errors.Add($"{at}:Name must be a relative name such as 'org/model' (was '{model.Name}').");
            else if (!names.Add(model.Name))
                errors.Add($"{at}:Name '{model.Name}' is listed twice.");
            errors.AddRange(KnownModelValidation.Problems(model, at));
        }
        return errors;
    }
}
