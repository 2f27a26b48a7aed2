namespace SemanticSearch.Core.Search;

/// <summary>One weighted text of a query expression: "0.5 snow" is (0.5, "snow"), "- dog" is (-1, "dog").</summary>
public sealed record QueryTerm(float Weight, string Text);
