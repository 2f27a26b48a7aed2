using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SemanticSearch.Core.Models;
using SemanticSearch.Web.Api.Contracts;

namespace SemanticSearch.Web.Api;

/// <summary>
/// The admin group's model routes: list, switch, cancel a switch, delete kept vectors. Mapped into
/// <see cref="AdminEndpoints"/>'s group, so they need an admin and refuse cross-site requests like the rest of it.
/// </summary>
public static class ModelEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>Maps the model routes into the admin group.</summary>
    public static RouteGroupBuilder MapModelEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/models", (IModelService models) => TypedResults.Ok(models.List())).WithName("ListModels")
            .WithSummary("Known and installed models, with the answering and the pending one");
        group.MapPost("/model", SwitchAsync).WithName("SwitchModel")
            .WithSummary("Switch to another model in the background")
            .WithDescription("Body {\"name\": \"<known model>\"} or {\"path\": \"<model folder>\"}, optional \"variant\". " +
                             "Every image is embedded with the new model while the old one answers; then the index flips.")
            .Accepts<ModelChoice>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/model/cancel", (IModelService models) => TypedResults.Ok(new CancelResultDto(models.CancelSwitch(),
                models.Pending is { } p ? $"The switch to {p.Model} is cancelled; its vectors so far are kept." : "No switch was running.")))
            .WithName("CancelModelSwitch").WithSummary("Stop the model switch under way");
        group.MapDelete("/models/{modelId}/vectors", DeleteVectorsAsync).WithName("DeleteModelVectors")
            .WithSummary("Delete the kept vectors of a model that does not answer (model ids with '/' are URL-encoded)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Results<Accepted<ModelSwitchDto>, ProblemHttpResult>> SwitchAsync(
        HttpRequest request, IModelService models, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBodyBytes)
            return ApiProblems.BadRequest($"The body is over {MaxBodyBytes} bytes.");
        ModelChoice? choice;
        try
        {
            choice = request.HasJsonContentType() ? await request.ReadFromJsonAsync<ModelChoice>(cancellationToken) : null;
        }
        catch (JsonException)
        {
            choice = null;
        }
        if (choice is null)
            return ApiProblems.BadRequest("The body must be JSON like {\"name\": \"<known model>\"} or {\"path\": \"<model folder>\"}.");
        try
        {
            var progress = await models.SwitchAsync(choice, cancellationToken);
            loggers.CreateLogger(typeof(ModelEndpoints)).LogInformation("Admin API switches to model {Model}", progress.Model);
            return TypedResults.Accepted("/api/status", ModelSwitchDto.From(progress));
        }
        catch (ModelChoiceException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Results<Ok<DeletedVectorsDto>, ProblemHttpResult>> DeleteVectorsAsync(
        string modelId, IModelService models, CancellationToken cancellationToken)
    {
        // Model ids such as "openai/clip-vit-base-patch32" arrive with their slash encoded, and routing leaves it so.
        var id = Uri.UnescapeDataString(modelId);
        if (id.Length is 0 or > 256)
            return ApiProblems.BadRequest("The model id must be 1-256 characters.");
        try
        {
            return TypedResults.Ok(new DeletedVectorsDto(id, await models.DeleteVectorsAsync(id, cancellationToken)));
        }
        catch (ModelChoiceException e)
        {
            return Problem(e);
        }
    }

    private static ProblemHttpResult Problem(ModelChoiceException e) => e.Problem switch
    {
        ModelChoiceProblem.NotFound => ApiProblems.NotFound(e.Message),
        ModelChoiceProblem.Conflict => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Model switch conflict"),
        _ => ApiProblems.BadRequest(e.Message),
    };
}
