namespace SemanticSearch.Web.QueryImages;

/// <summary>Registers the store of uploaded query images and its sweeper.</summary>
public static class QueryImageRegistration
{
    /// <summary>Adds <see cref="QueryImageStore"/> with <see cref="QueryImageOptions"/> bound and validated on start.</summary>
    public static IServiceCollection AddQueryImages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueryImageOptions>().Bind(configuration.GetSection(QueryImageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<QueryImageStore>();
        services.AddHostedService<QueryImageSweeper>();
        return services;
    }
}
