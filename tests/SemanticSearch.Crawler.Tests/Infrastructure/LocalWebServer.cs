using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SemanticSearch.Crawler.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port, counting requests per path.</summary>
internal sealed class LocalWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests;

    private LocalWebServer(WebApplication app, ConcurrentDictionary<string, int> requests, Uri baseUri)
    {
        _app = app;
        _requests = requests;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public Uri Url(string path) => new(BaseUri, path);

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int Requests(string path) => _requests.GetValueOrDefault(path);

    /// <summary>Times of every request, for rate checks.</summary>
    public ConcurrentQueue<(string Path, DateTime At, string? IfModifiedSince)> Log { get; } = new();

    public static async Task<LocalWebServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var requests = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        LocalWebServer? server = null;
        app.Use(async (context, next) =>
        {
            requests.AddOrUpdate(context.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
            server?.Log.Enqueue((context.Request.Path.Value ?? "/", DateTime.UtcNow, context.Request.Headers.IfModifiedSince.FirstOrDefault()));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LocalWebServer(app, requests, new Uri(address.Replace("[::]", "127.0.0.1") + "/"));
        return server;
    }

    /// <summary>Serves bytes with a fixed Last-Modified, answering 304 to a matching If-Modified-Since.</summary>
    public static IResult Image(HttpContext context, byte[] bytes, string contentType, DateTimeOffset lastModified)
    {
        if (context.Request.GetTypedHeaders().IfModifiedSince is { } since && since >= lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        context.Response.GetTypedHeaders().LastModified = lastModified;
        return Results.Bytes(bytes, contentType);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
