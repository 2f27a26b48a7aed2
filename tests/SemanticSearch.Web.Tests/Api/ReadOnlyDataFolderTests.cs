using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using SemanticSearch.Tests.Shared;
using SemanticSearch.Web.Tests.Infrastructure;

namespace SemanticSearch.Web.Tests.Api;

/// <summary>
/// A data folder that becomes read-only under a running host. Without root, the folder's write permission is taken
/// away; root ignores permissions, so there the folder is made immutable (chattr +i: nothing can be created in it).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyDataFolderTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new("semsearch-web-readonly");
    private SemanticSearchFactory _factory = default!;
    private readonly bool _root = Environment.UserName == "root";

    private string Data => _temp.Combine("data");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Data);
        Directory.CreateDirectory(_temp.Combine("gallery"));
        _factory = new SemanticSearchFactory(new Dictionary<string, string?>
        {
            ["SemanticSearch:DataDirectory"] = Data,
            ["SemanticSearch:Sources:0:Location"] = _temp.Combine("gallery"),
            ["SemanticSearch:Crawler:ScanOnStartup"] = "false",
        });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_data_folder_that_becomes_read_only_makes_health_unhealthy_with_the_reason()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.DoesNotContain("cannot be written", await client.GetStringAsync("/health"));

        MakeReadOnly();
        var response = await client.GetAsync("/health");
        var health = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"Unhealthy\"", health);
        Assert.Contains($"The data folder {Data} cannot be written", health);
    }

    private void MakeReadOnly()
    {
        if (_root)
            Run("chattr", "+i", Data);
        else
            File.SetUnixFileMode(Data, UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0,
            $"{program} {string.Join(' ', args)} failed ({error.Trim()}); as root this test needs CAP_LINUX_IMMUTABLE and a file system with chattr +i, or run it as another user.");
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_root)
            Run("chattr", "-i", Data);
        else
            File.SetUnixFileMode(Data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _temp.Dispose();
    }
}
