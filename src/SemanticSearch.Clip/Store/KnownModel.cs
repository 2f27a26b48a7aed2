namespace SemanticSearch.Clip.Store;

/// <summary>A model that <c>semsearch models pull</c> can download: a repository revision and its files.</summary>
public sealed class KnownModel
{
    /// <summary>Name used on the command line and as the folder under <c>&lt;data-dir&gt;/models/</c>, e.g. <c>openai/clip-vit-base-patch32</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Repository on the download server, e.g. <c>Xenova/clip-vit-base-patch32</c>.</summary>
    public string Repository { get; set; } = "";

    /// <summary>Branch, tag or commit to download from.</summary>
    public string Revision { get; set; } = "main";

    /// <summary>One line for <c>models list</c>.</summary>
    public string? Description { get; set; }

    /// <summary>Files to download; their paths keep the repository's layout.</summary>
    public List<KnownModelFile> Files { get; set; } = [];

    /// <summary>Folder layout of the files; the listed files must include what this layout needs to load.</summary>
    public ClipModelLayout? Layout { get; set; }

    /// <summary>Length of the embeddings (open_clip's <c>embed_dim</c>).</summary>
    public int? Dimension { get; set; }

    /// <summary>Side in pixels of the square image the vision model takes.</summary>
    public int? InputSize { get; set; }

    /// <summary>Licence of the weights (SPDX id where there is one).</summary>
    public string? Licence { get; set; }

    /// <summary>Rough download size in megabytes, for <c>models list</c> before any file size is known.</summary>
    public int? ApproximateSizeMegabytes { get; set; }

    /// <summary>Published recall figures, each with its source; none where none was published.</summary>
    public List<KnownModelRecall> Recall { get; set; } = [];

    /// <summary>Total size when every file's size is known.</summary>
    public long? TotalSize => Files.Count > 0 && Files.All(f => f.Size is not null) ? Files.Sum(f => f.Size!.Value) : null;
}
