using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Diagnostics;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// Finding 2 of "Safe to expose": 48 uploads of a 300 KB, 12000 × 8000 PNG drove the host from 1 GB to 7.4 GB.
/// Query images now have a pixel limit read from the header, PNGs are decoded row by row into a reduced image, and
/// every decode reserves its memory from one budget first.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class QueryImageMemoryTests(WebAppFixture app)
{
    private static readonly Lazy<byte[]> HugePng = new(() => LargePng.Create(12_000, 8_000, ImageBytes.Blocks));

    [Fact]
    public async Task A_query_image_over_the_pixel_limit_is_refused_with_413_from_its_header()
    {
        var response = await app.Client.PostAsync("/api/search/image", ImageBytes.Png(HugePng.Value));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("12000 × 8000", problem.Detail);
        Assert.Contains("40.0 megapixels", problem.Detail);
    }

    [Fact]
    public async Task While_the_decode_budget_stays_full_an_upload_gets_503_with_retry_after_and_then_succeeds()
    {
        var budget = app.Services.GetRequiredService<DecodeMemoryBudget>();
        var image = await File.ReadAllBytesAsync(app.Gallery.HeldBack["red-circle"]);

        HttpResponseMessage refused;
        using (await budget.TryAcquireAsync(budget.Capacity, TimeSpan.Zero))
            refused = await app.Client.PostAsync("/api/search/image", ImageBytes.Png(image));
        var accepted = await app.Client.PostAsync("/api/search/image", ImageBytes.Png(image));

        var problem = await ApiAssert.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("decode budget", problem.Detail);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(budget.Capacity, budget.Available);
    }

    [Fact]
    public async Task While_every_query_image_place_is_taken_an_upload_gets_503_quickly_and_then_succeeds()
    {
        // Small decode buffers still cost seconds of CPU each for huge PNGs: the number decoded at once is bounded too.
        var admission = app.Services.GetRequiredService<QueryImageAdmission>();
        var image = await File.ReadAllBytesAsync(app.Gallery.HeldBack["red-circle"]);
        var held = new List<IDisposable>();
        for (var i = 0; i < Environment.ProcessorCount; i++)
            held.Add(await admission.EnterAsync(image, 32, CancellationToken.None));

        HttpResponseMessage refused;
        try
        {
            refused = await app.Client.PostAsync("/api/search/image", ImageBytes.Png(image));
        }
        finally
        {
            held.ForEach(lease => lease.Dispose());
        }
        var accepted = await app.Client.PostAsync("/api/search/image", ImageBytes.Png(image));

        var problem = await ApiAssert.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("query images", problem.Detail);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
