namespace SemanticSearch.Web.Api.Contracts;

/// <summary>An image that could not be indexed, and why.</summary>
/// <param name="Location">File path or URL.</param>
/// <param name="Kind">Failure kind (corrupt, not-an-image, ...).</param>
/// <param name="Reason">A sentence for people.</param>
/// <param name="At">When it happened.</param>
public sealed record FailureDto(string Location, string Kind, string Reason, DateTimeOffset At);
