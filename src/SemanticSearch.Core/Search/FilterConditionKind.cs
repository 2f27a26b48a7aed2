namespace SemanticSearch.Core.Search;

/// <summary>What one filter condition tests (see <see cref="FilterCondition"/>).</summary>
public enum FilterConditionKind
{
    /// <summary>The image belongs to the source whose id is <see cref="FilterCondition.Number"/>.</summary>
    SourceIs,

    /// <summary>The image's location starts with <see cref="FilterCondition.Text"/> (ordinal, case-sensitive).</summary>
    LocationStartsWith,

    /// <summary>The image's format is <see cref="FilterCondition.Text"/> (lower case, as the catalog stores it).</summary>
    FormatIs,

    /// <summary>The image has a date taken at or after <see cref="FilterCondition.Number"/> (UTC ticks).</summary>
    TakenFrom,

    /// <summary>The image has a date taken before <see cref="FilterCondition.Number"/> (UTC ticks).</summary>
    TakenBefore,
}
