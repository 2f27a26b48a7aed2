using Microsoft.Extensions.Options;

namespace SemanticSearch.Crawler.Models;

/// <summary>Rejects model-switch settings with a message naming each bad setting, like the crawler's own validator.</summary>
internal sealed class ModelSwitchOptionsValidator : IValidateOptions<ModelSwitchOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelSwitchOptions options) =>
        options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
