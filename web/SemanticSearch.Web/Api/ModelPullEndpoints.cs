using Microsoft.AspNetCore.Http.HttpResults;
using SemanticSearch.Web.Api.Contracts;
using SemanticSearch.Web.ModelPulls;

namespace SemanticSearch.Web.Api;

/// <summary>
/// <c>/api/admin/models/{name}/pull</c>: start (POST, 202), watch (GET) and cancel (DELETE) the download of a known
/// model. Mapped into the admin group, which authenticates and refuses cross-site requests. A name with a slash
/// (<c>openai/clip-vit-base-patch32</c>) is sent with the slash escaped as <c>%2F</c>.
/// </summary>
public static class ModelPullEndpoints
{
    /// <summary>Known-model names are short; anything longer is refused before it is looked up.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Maps the three endpoints into the admin group.</summary>
    public static RouteGroupBuilder MapModelPulls(this RouteGroupBuilder group)
    {
        group.MapPost("/models/{name}/pull", Start).WithName("PullModel")
            .WithSummary("Download a known model in the background")
            .WithDescription("202 with the pull's progress; 200 when it is already installed or already being pulled. " +
                             "Pulls run one at a time; others wait in line. Follow it with GET on the same address.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/models/{name}/pull", Get).WithName("ModelPullProgress")
            .WithSummary("Progress of a model's download")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/models/{name}/pull", Cancel).WithName("CancelModelPull")
            .WithSummary("Stop a model's download; nothing is installed and the next pull resumes")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static Results<Accepted<ModelPullDto>, Ok<ModelPullDto>, ProblemHttpResult> Start(string name, ModelPullQueue pulls)
    {
        if (Refuse(ref name, pulls) is { } problem)
            return problem;
        var status = pulls.Start(name, out var started)!;
        var dto = ToDto(status);
        return started ? TypedResults.Accepted(Address(status.Model), dto) : TypedResults.Ok(dto);
    }

    private static Results<Ok<ModelPullDto>, ProblemHttpResult> Get(string name, ModelPullQueue pulls) =>
        Refuse(ref name, pulls) is { } problem ? problem : TypedResults.Ok(ToDto(pulls.Get(name)!));

    private static Results<Ok<CancelResultDto>, ProblemHttpResult> Cancel(string name, ModelPullQueue pulls)
    {
        if (Refuse(ref name, pulls) is { } problem)
            return problem;
        return TypedResults.Ok(pulls.Cancel(name)
            ? new CancelResultDto(true, "Cancelling: nothing is installed; the next pull resumes from the bytes downloaded so far.")
            : new CancelResultDto(false, "No pull of that model is running."));
    }

    /// <summary>A problem for a name that is too long or not a known model; null when it is known (and unescaped).</summary>
    private static ProblemHttpResult? Refuse(ref string name, ModelPullQueue pulls)
    {
        if (name.Length > MaxNameLength * 3)
            return ApiProblems.BadRequest($"A model name has at most {MaxNameLength} characters.");
        // The server keeps an escaped slash escaped in route values; names never contain '%' themselves.
        name = Uri.UnescapeDataString(name);
        if (name.Length > MaxNameLength)
            return ApiProblems.BadRequest($"A model name has at most {MaxNameLength} characters.");
        return pulls.Find(name) is null
            ? ApiProblems.NotFound($"There is no known model '{name}'. GET /api/admin/models lists them (SemanticSearch:Models:Known).")
            : null;
    }

    private static string Address(string model) => $"/api/admin/models/{Uri.EscapeDataString(model)}/pull";

    private static ModelPullDto ToDto(ModelPullStatus s) => new(
        s.Model, s.Phase.ToString().ToLowerInvariant(), s.File, s.FileIndex, s.FileCount, s.Bytes, s.TotalBytes, s.Percent, s.Problem);
}
