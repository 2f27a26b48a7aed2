using System.Globalization;
using SemanticSearch.Core.Models;
using SemanticSearch.Web.ModelPulls;

namespace SemanticSearch.Web.Components.Admin;

/// <summary>How the models panel words sizes, pulls and switches.</summary>
public static class ModelsText
{
    /// <summary>"1.5 MB" from bytes.</summary>
    public static string Megabytes(long bytes) => (bytes / (1024 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>The approximate download size, or a dash.</summary>
    public static string Size(ModelListing model) =>
        model.ApproximateSizeMegabytes is { } mb ? $"~{mb.ToString(CultureInfo.InvariantCulture)} MB" : "—";

    /// <summary>"3.0 of 12.5 MB, file 2 of 3" while a pull runs.</summary>
    public static string Pull(ModelPullStatus pull) => pull.Phase switch
    {
        ModelPullPhase.Queued => "Waiting: another model is being pulled.",
        ModelPullPhase.Downloading => (pull.TotalBytes is { } total ? $"{Megabytes(pull.Bytes)} of {Megabytes(total)}" : Megabytes(pull.Bytes))
            + (pull.FileCount > 0 ? $", file {pull.FileIndex + 1} of {pull.FileCount}" : ""),
        ModelPullPhase.Installed => "Pulled.",
        ModelPullPhase.Failed => "Pull failed: " + pull.Problem,
        ModelPullPhase.Cancelled => pull.Problem ?? "Pull cancelled.",
        _ => "",
    };

    /// <summary>Percent of the indexed images the new model has embedded.</summary>
    public static int Percent(ModelSwitchProgress pending) =>
        pending.Total <= 0 ? (pending.Phase == ModelSwitchPhase.Embedding ? 0 : 100) : (int)Math.Clamp(pending.Embedded * 100 / pending.Total, 0, 100);

    /// <summary>One sentence on the pending switch.</summary>
    public static string Switch(ModelSwitchProgress pending, string? answering)
    {
        var counts = $"{RunOutcomeText.Count(pending.Embedded)} of {RunOutcomeText.Count(pending.Total)} images embedded";
        var still = answering is null ? "" : $" {answering} still answers.";
        return pending.Phase switch
        {
            ModelSwitchPhase.Embedding => $"Switching to {pending.Model}: {counts} ({Percent(pending)}%); {answering ?? "the old model"} answers meanwhile.",
            ModelSwitchPhase.Flipping => $"Switching to {pending.Model}: {counts}; flipping the index.",
            ModelSwitchPhase.Failed => $"The switch to {pending.Model} failed ({counts}).{still}",
            _ => $"The switch to {pending.Model} was cancelled ({counts}; they are kept).{still}",
        };
    }

    /// <summary>Where the answering model stands, in a few words.</summary>
    public static string Readiness(ModelReadiness readiness) => readiness switch
    {
        ModelReadiness.Ready => "ready",
        ModelReadiness.Loading => "loading",
        ModelReadiness.Missing => "missing",
        _ => "failed to load",
    };
}
