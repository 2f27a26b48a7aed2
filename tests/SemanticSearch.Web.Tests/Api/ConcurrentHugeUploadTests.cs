using System.Net;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// The smaller, automated version of finding 2's measurement (the full one is <c>bench/upload_flood.py</c>): with the
/// pixel limit raised so that the 96-megapixel PNG is really decoded, concurrent uploads are all answered and the
/// process's resident memory grows by megabytes per decode, not the 672 MB a full-size decode took.
/// </summary>
public sealed class ConcurrentHugeUploadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clients = 6;
    private const int UploadsPerClient = 2;
    private readonly WebAppFixture _app = new(new Dictionary<string, string?>
    {
        ["SemanticSearch:Web:MaxUploadPixels"] = "100000000",
    });

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Concurrent_uploads_of_a_96_megapixel_png_are_all_answered_and_keep_memory_bounded()
    {
        var png = LargePng.Create(12_000, 8_000, ImageBytes.Blocks);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long baseline = ProcessMemory.Resident();

        var uploads = Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            var statuses = new List<HttpStatusCode>();
            for (int i = 0; i < UploadsPerClient; i++)
                statuses.Add((await _app.Client.PostAsync("/api/search/image", ImageBytes.Png(png))).StatusCode);
            return statuses;
        }));
        long peak = await ProcessMemory.PeakDuringAsync(uploads);

        var all = (await uploads).SelectMany(s => s).ToList();
        output.WriteLine($"baseline {baseline / 1e6:0} MB, peak {peak / 1e6:0} MB, statuses {string.Join(",", all.Select(s => (int)s))}");
        Assert.Equal(Clients * UploadsPerClient, all.Count);
        Assert.All(all, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(HttpStatusCode.OK, all);
        // A full-size decode holds 672 MB (384 MB RGBA + 288 MB RGB); two at once would already pass this.
        Assert.True(peak - baseline < 400_000_000, $"resident memory grew by {(peak - baseline) / 1e6:0} MB");
    }
}
