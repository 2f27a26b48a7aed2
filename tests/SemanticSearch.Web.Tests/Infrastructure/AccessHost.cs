using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>
/// A real host for access-control tests: a temp data folder with an empty source (or a given one), no start-up scan,
/// client addresses chosen per request (<see cref="TestRemoteAddress"/>), captured warnings and a clock tests can move.
/// </summary>
internal sealed class AccessHost : IAsyncDisposable
{
    private readonly TempDirectory _data = new("semsearch-web-access");
    private readonly SemanticSearchFactory _factory;

    public AccessHost(IReadOnlyDictionary<string, string?> settings, string? source = null)
    {
        Directory.CreateDirectory(_data.Combine("gallery"));
        var all = new Dictionary<string, string?>
        {
            ["SemanticSearch:DataDirectory"] = _data.Combine("data"),
            ["SemanticSearch:Sources:0:Location"] = source ?? _data.Combine("gallery"),
            ["SemanticSearch:Crawler:ScanOnStartup"] = source is null ? "false" : "true",
            ["SemanticSearch:RateLimiting:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
            all[key] = value;
        _factory = new SemanticSearchFactory(all, services =>
        {
            services.AddSingleton<IStartupFilter, TestRemoteAddress>();
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<TimeProvider>(Clock);
        });
        Client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; } = new();

    public ShiftedClock Clock { get; } = new();

    public IServiceProvider Services => _factory.Services;

    /// <summary>Sends a request from <paramref name="from"/> with extra headers (Host, Origin, Cookie, X-Api-Key...).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string from, IDictionary<string, string>? headers = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(TestRemoteAddress.Header, from);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name == "Host")
                request.Headers.Host = value;
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        _data.Dispose();
    }
}
