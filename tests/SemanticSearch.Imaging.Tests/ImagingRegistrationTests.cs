using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Imaging;

namespace SemanticSearch.Imaging.Tests;

public sealed class ImagingRegistrationTests
{
    [Fact]
    public void AddImaging_registers_thread_safe_singletons()
    {
        using var provider = new ServiceCollection().AddImaging().BuildServiceProvider(validateScopes: true);

        var decoder = provider.GetRequiredService<IImageDecoder>();
        var preprocessor = provider.GetRequiredService<IImagePreprocessor>();

        Assert.IsType<SkiaImageDecoder>(decoder);
        Assert.Same(decoder, provider.GetRequiredService<IImageDecoder>());
        Assert.Same(preprocessor, provider.GetRequiredService<ClipImagePreprocessor>());
        Assert.IsType<SkiaThumbnailEncoder>(provider.GetRequiredService<IThumbnailEncoder>());

        var tensor = new float[PreprocessSpec.Clip.TensorLength];
        var metadata = provider.GetRequiredService<ClipImagePreprocessor>().ToTensor(ImagingFixtures.PhotoBytes("chelsea.jpg"), PreprocessSpec.Clip, tensor);
        Assert.Equal("jpeg", metadata.Format);
        Assert.Contains(tensor, v => v != 0);
    }
}
