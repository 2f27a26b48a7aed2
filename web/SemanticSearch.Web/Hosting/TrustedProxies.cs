using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>-Proto</c> honoured only from the reverse proxies named in
/// <see cref="WebOptions.TrustedProxies"/>. With none named the headers are ignored: ASP.NET's forwarded-headers
/// middleware trusts every sender when its known lists are empty, so it is only added when there is a list.
/// </summary>
public static class TrustedProxies
{
    /// <summary>Configures the forwarded-headers middleware from <c>SemanticSearch:Web:TrustedProxies</c>.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Configured(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in proxies)
                options.KnownIPNetworks.Add(network);
            // A chain of trusted proxies is walked back to the first address none of them owns.
            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Adds the middleware first in the pipeline, when proxies are configured.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (Configured(app.Configuration).Count > 0)
            app.UseForwardedHeaders();
        return app;
    }

    /// <summary>
    /// True when the request still names a client behind a proxy this host does not trust: it is not from this
    /// machine, whatever its connection's address (a reverse proxy on loopback forwards everybody's requests).
    /// </summary>
    public static bool IsUntrustedForward(HttpRequest request) =>
        request.Headers.ContainsKey("X-Forwarded-For") || request.Headers.ContainsKey("Forwarded");

    /// <summary>The configured networks; an address alone is a network of one.</summary>
    public static IReadOnlyList<IPNetwork> Configured(IConfiguration configuration) =>
        (configuration.GetSection(WebOptions.Section).Get<WebOptions>()?.TrustedProxies ?? [])
            .Select(p => TryParse(p, out var network) ? network : throw new InvalidOperationException(
                $"SemanticSearch:Web:TrustedProxies: '{p}' is neither an IP address nor a network such as 10.0.0.0/8."))
            .ToList();

    /// <summary>Parses "10.0.0.2" or "10.0.0.0/8".</summary>
    public static bool TryParse(string? value, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(value))
            return false;
        if (IPAddress.TryParse(value, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }
        return IPNetwork.TryParse(value, out network);
    }
}
