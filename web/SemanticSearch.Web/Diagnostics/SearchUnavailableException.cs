namespace SemanticSearch.Web.Diagnostics;

/// <summary>Search cannot run at all (the model is missing); the message says how to fix it.</summary>
public sealed class SearchUnavailableException(string message) : Exception(message);
