using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SemanticSearch.Core.Imaging;

namespace SemanticSearch.Imaging;

/// <summary>Registers the Skia-based imaging services.</summary>
public static class ImagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IImageDecoder"/> (<see cref="SkiaImageDecoder"/>), <see cref="IImagePreprocessor"/>
    /// (<see cref="ClipImagePreprocessor"/>, also resolvable as itself for its bytes → tensor overload) and
    /// <see cref="IThumbnailEncoder"/> (<see cref="SkiaThumbnailEncoder"/>) as singletons; all are thread-safe.
    /// </summary>
    public static IServiceCollection AddImaging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IImageDecoder>(_ => new SkiaImageDecoder());
        services.TryAddSingleton(sp => new ClipImagePreprocessor(sp.GetRequiredService<IImageDecoder>()));
        services.TryAddSingleton<IImagePreprocessor>(sp => sp.GetRequiredService<ClipImagePreprocessor>());
        services.TryAddSingleton<IThumbnailEncoder>(_ => new SkiaThumbnailEncoder());
        return services;
    }
}
