namespace SemanticSearch.Crawler.Pipeline;

/// <summary>The parts of a run whose time is measured separately (bench pipeline shows where time goes).</summary>
public enum PipelineStage
{
    /// <summary>Listing folders, fetching pages and robots.txt.</summary>
    Discover,
    /// <summary>Reading files or downloading images.</summary>
    Read,
    /// <summary>Hashing content and the catalog look-ups that decide what needs work.</summary>
    ChangeDetect,
    /// <summary>Decoding to RGB pixels.</summary>
    Decode,
    /// <summary>Resizing, cropping and normalising into the model's tensor.</summary>
    Preprocess,
    /// <summary>Encoding and writing thumbnails.</summary>
    Thumbnail,
    /// <summary>Model calls.</summary>
    Encode,
    /// <summary>Catalog transactions, vector index updates and saves.</summary>
    Write,
}
