namespace SemanticSearch.Web.Api.Contracts;

/// <summary>What a cancel request did.</summary>
/// <param name="Cancelled">False when nothing was running.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record CancelResultDto(bool Cancelled, string Message);
