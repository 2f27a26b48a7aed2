namespace SemanticSearch.Core.Configuration;

/// <summary>
/// The data folder cannot be used as it is (held by another process, not writable, a damaged catalog). The message is
/// the one line a person reads: which file, what is wrong and what to do. Hosts print it and exit with code 1.
/// </summary>
public sealed class DataFolderException(string message, Exception? inner = null) : Exception(message, inner);
