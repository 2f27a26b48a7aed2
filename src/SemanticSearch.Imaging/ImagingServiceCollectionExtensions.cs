using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Imaging;

/// <summary>Registers the Skia-based imaging services.</summary>
public static class ImagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IImageDecoder"/> (<see cref="SkiaImageDecoder"/>), <see cref="IImagePreprocessor"/>
    /// (<see cref="ClipImagePreprocessor"/>, also resolvable as itself for its bytes → tensor overload),
    /// <see cref="IThumbnailEncoder"/> (<see cref="SkiaThumbnailEncoder"/>) and the one <see cref="DecodeMemoryBudget"/>
    /// as singletons; all are thread-safe. <see cref="ImagingOptions"/> keep their defaults unless bound by the
    /// <see cref="AddImaging(IServiceCollection, IConfiguration)"/> overload.
    /// </summary>
    public static IServiceCollection AddImaging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ImagingOptions>();
        services.TryAddSingleton<IImageDecoder>(_ => new SkiaImageDecoder());
        services.TryAddSingleton(sp => new ClipImagePreprocessor(sp.GetRequiredService<IImageDecoder>()));
        services.TryAddSingleton<IImagePreprocessor>(sp => sp.GetRequiredService<ClipImagePreprocessor>());
        services.TryAddSingleton<IThumbnailEncoder>(_ => new SkiaThumbnailEncoder());
        services.TryAddSingleton(sp => new DecodeMemoryBudget(sp.GetRequiredService<IOptions<ImagingOptions>>().Value.DecodeMemoryBytes));
        return services;
    }

    /// <summary>As <see cref="AddImaging(IServiceCollection)"/>, with <see cref="ImagingOptions"/> bound from
    /// <c>SemanticSearch:Imaging</c> and validated on start.</summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddImaging();
        services.AddOptions<ImagingOptions>().Bind(configuration.GetSection(ImagingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
