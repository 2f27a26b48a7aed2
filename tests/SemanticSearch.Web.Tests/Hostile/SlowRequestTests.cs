using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Hostile;

/// <summary>
/// A body trickled in slower than Kestrel's minimum data rate (240 bytes/s after a 5 s grace) ends as a 408 problem,
/// not a 500. Needs real Kestrel on a loopback port: the in-memory test server enforces no data rates.
/// </summary>
public sealed class SlowRequestTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("semsearch-web-slow");
    private SemanticSearchFactory _factory = default!;
    private int _port;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_data.Combine("gallery"));
        _factory = new SemanticSearchFactory(new Dictionary<string, string?>
        {
            ["SemanticSearch:DataDirectory"] = _data.Combine("data"),
            ["SemanticSearch:Sources:0:Location"] = _data.Combine("gallery"),
            ["SemanticSearch:Model:Path"] = _data.Combine("no-model"),
            ["SemanticSearch:Admin:ApiKey"] = "",
            ["SemanticSearch:Crawler:ScanOnStartup"] = "false",
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _port = new Uri(address).Port;
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/api/search/image", "image/png", "")]
    [InlineData("/api/search/image", "multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n")]
    [InlineData("/api/admin/sources", "application/json", "{\"location\": \"")]
    public async Task A_body_slower_than_the_minimum_rate_is_a_408_problem(string path, string contentType, string start)
    {
        var response = await TrickleAsync(path, contentType, start);

        Assert.StartsWith("HTTP/1.1 408", response);
        Assert.Contains("Content-Type: application/problem+json", response);
        Assert.Contains("\"status\":408", response);
    }

    [Fact]
    public async Task A_slow_form_post_to_a_page_is_refused_with_a_4xx()
    {
        var response = await TrickleAsync("/admin/signin", "application/x-www-form-urlencoded", "_handler=admin-signin&Input.Key=");

        // The form is read by the antiforgery check, which answers 400 when the body cannot be read.
        Assert.Matches("^HTTP/1.1 40[08] ", response);
    }

    /// <summary>Sends the head and <paramref name="start"/> of a 100 kB body, then one byte a second; returns the answer.</summary>
    private async Task<string> TrickleAsync(string path, string contentType, string start)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        var stream = client.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{_port}\r\nContent-Type: {contentType}\r\nContent-Length: 100000\r\n\r\n{start}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answer = ReadToEndAsync(stream, timeout.Token);
        while (!answer.IsCompleted)
        {
            try
            {
                await stream.WriteAsync("x"u8.ToArray(), timeout.Token);
            }
            catch (IOException)
            {
                // The server gave up on the body and closed its side.
                break;
            }
            await Task.WhenAny(answer, Task.Delay(1000, timeout.Token));
        }
        return await answer;
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // A reset after the answer arrived.
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _data.Dispose();
    }
}
