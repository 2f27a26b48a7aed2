using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no client address; this filter takes one from the <see cref="Header"/> header, so
/// tests can be "localhost" or a remote client (loopback-only admin, per-client rate limits).
/// </summary>
internal sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value))
                context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
            await nextMiddleware(context);
        });
        next(app);
    };
}
