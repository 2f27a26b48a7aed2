using System.Text;
using Microsoft.Data.Sqlite;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Storage.Catalog;

/// <summary>
/// Translates <see cref="FilterCondition"/>s into SQL on the <c>images</c> table, kind by kind; every value is a
/// parameter. The meaning of each kind is defined by <see cref="FilterCondition.Accepts"/>; this is its SQL spelling.
/// </summary>
internal static class FilterSql
{
    /// <summary>Appends " AND …" for each condition to <paramref name="sql"/> and binds the values on <paramref name="command"/>.</summary>
    public static void AppendConditions(StringBuilder sql, SqliteCommand command, IReadOnlyList<FilterCondition> conditions)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = conditions[i];
            var name = "@filter" + i;
            sql.Append(" AND ").Append(condition.Kind switch
            {
                FilterConditionKind.SourceIs => $"source_id = {name}",
                // substr instead of LIKE: exact, case-sensitive, and '%' or '_' in paths mean nothing special.
                FilterConditionKind.LocationStartsWith => $"substr(location, 1, length({name})) = {name}",
                FilterConditionKind.FormatIs => $"format = {name}",
                // A NULL date_taken compares as unknown, so images without a date meet no date condition.
                FilterConditionKind.TakenFrom => $"date_taken >= {name}",
                FilterConditionKind.TakenBefore => $"date_taken < {name}",
                _ => throw new ArgumentOutOfRangeException(nameof(conditions), condition.Kind, "Unknown filter condition."),
            });
            command.With(name, condition.Kind is FilterConditionKind.LocationStartsWith or FilterConditionKind.FormatIs
                ? (object)condition.Text
                : condition.Number);
        }
    }
}
