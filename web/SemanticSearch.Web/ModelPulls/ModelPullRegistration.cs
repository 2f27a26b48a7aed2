namespace SemanticSearch.Web.ModelPulls;

/// <summary>Registers the admin side's model pulls (over the <c>ModelStore</c> that <c>AddClip</c> registers).</summary>
public static class ModelPullRegistration
{
    /// <summary>Adds <see cref="ModelPullQueue"/>.</summary>
    public static IServiceCollection AddModelPulls(this IServiceCollection services)
    {
        services.AddSingleton<ModelPullQueue>();
        return services;
    }
}
