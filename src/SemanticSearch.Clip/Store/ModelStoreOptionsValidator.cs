using Microsoft.Extensions.Options;

namespace SemanticSearch.Clip.Store;

/// <summary>Reports every problem of <see cref="ModelStoreOptions"/> (the known-model list included) by name at start-up.</summary>
internal sealed class ModelStoreOptionsValidator : IValidateOptions<ModelStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelStoreOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
