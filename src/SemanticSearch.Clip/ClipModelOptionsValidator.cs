using Microsoft.Extensions.Options;

namespace SemanticSearch.Clip;

/// <summary>Reports every problem of <see cref="ClipModelOptions"/> by name at start-up, not just "invalid".</summary>
internal sealed class ClipModelOptionsValidator : IValidateOptions<ClipModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ClipModelOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
