namespace SemanticSearch.Storage.Index;

/// <summary>The native USearch library reported an error (bad file, out of memory, wrong dimension...).</summary>
public sealed class UsearchException(string message) : Exception(message);
