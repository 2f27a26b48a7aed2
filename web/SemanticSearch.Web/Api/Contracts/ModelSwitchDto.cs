using SemanticSearch.Core.Models;

namespace SemanticSearch.Web.Api.Contracts;

/// <summary>A model switch's progress: <c>pendingModel</c> of <c>/api/status</c> and the answer to <c>POST /api/admin/model</c>.</summary>
/// <param name="Model">Id of the model being switched to.</param>
/// <param name="Embedded">Indexed images that have a vector of it.</param>
/// <param name="Total">Indexed images.</param>
/// <param name="Phase">embedding, flipping, failed or cancelled.</param>
/// <param name="Problem">Why it failed.</param>
public sealed record ModelSwitchDto(string Model, long Embedded, long Total, string Phase, string? Problem)
{
    /// <summary>The DTO of <paramref name="progress"/>.</summary>
    public static ModelSwitchDto From(ModelSwitchProgress progress) =>
        new(progress.Model, progress.Embedded, progress.Total, progress.Phase.ToString().ToLowerInvariant(), progress.Problem);
}
