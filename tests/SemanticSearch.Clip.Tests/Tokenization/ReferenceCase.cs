namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>One text of the reference fixture: the cleaned text and words the Python reference sees, and its ids
/// without and with the 77-slot start/end framing.</summary>
internal sealed record ReferenceCase(string Text, string Normalized, string[] Words, int[] Ids, int[] ModelIds);
