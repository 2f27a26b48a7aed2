namespace SemanticSearch.Web.Api.Contracts;

/// <summary>A model pull as <c>/api/admin/models/{name}/pull</c> reports it.</summary>
/// <param name="Model">Known-model name.</param>
/// <param name="Phase"><c>notstarted</c>, <c>queued</c>, <c>downloading</c>, <c>installed</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="File">The file being downloaded.</param>
/// <param name="FileIndex">Zero-based position of that file.</param>
/// <param name="FileCount">Files in the model.</param>
/// <param name="Bytes">Bytes downloaded so far, all files.</param>
/// <param name="TotalBytes">Size of all files, when known.</param>
/// <param name="Percent">0-100, when it can be told.</param>
/// <param name="Problem">Why it failed or that it was cancelled.</param>
public sealed record ModelPullDto(
    string Model, string Phase, string? File, int FileIndex, int FileCount, long Bytes, long? TotalBytes, int? Percent, string? Problem);
