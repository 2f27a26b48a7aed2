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
}
