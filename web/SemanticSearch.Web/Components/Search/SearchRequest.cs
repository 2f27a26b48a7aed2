namespace SemanticSearch.Web.Components.Search;

/// <summary>What the search box asks for.</summary>
/// <param name="Text">The text typed (may be empty: clear the search).</param>
/// <param name="Immediate">True for Enter or the button; false when the debounce timer fired while typing.</param>
public sealed record SearchRequest(string Text, bool Immediate);
