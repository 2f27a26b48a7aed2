using SemanticSearch.Web.Hosting;

namespace SemanticSearch.Web.Tests.Hosting;

public sealed class WebCommandLineTests
{
    [Fact]
    public void Data_dir_and_repeated_sources_become_configuration_keys_beside_the_configured_sources()
    {
        var args = WebCommandLine.Translate(["--data-dir", "/tmp/data", "--source", "/photos", "--source=https://example.org/gallery", "--urls", "http://127.0.0.1:5123"]);

        // Not SemanticSearch:Sources:N, which would overlay the configured array entry by entry.
        Assert.Equal(
        [
            "--hostBuilder:reloadConfigOnChange=false",
            "--SemanticSearch:DataDirectory=/tmp/data",
            "--SemanticSearch:StartupSources:Locations:0=/photos",
            "--SemanticSearch:StartupSources:Locations:1=https://example.org/gallery",
            "--urls",
            "http://127.0.0.1:5123",
        ], args);
    }

    [Fact]
    public void No_configured_sources_turns_the_configured_sources_off()
    {
        Assert.Equal(
            ["--hostBuilder:reloadConfigOnChange=false", "--SemanticSearch:StartupSources:UseConfigured=false"],
            WebCommandLine.Translate(["--no-configured-sources"]));
        Assert.Equal(
            ["--hostBuilder:reloadConfigOnChange=false", "--SemanticSearch:StartupSources:UseConfigured=true"],
            WebCommandLine.Translate(["--no-configured-sources=false"]));
        var error = Assert.Throws<ArgumentException>(() => WebCommandLine.Translate(["--no-configured-sources=maybe"]));
        Assert.Contains("--no-configured-sources", error.Message);
    }

    [Fact]
    public void Settings_reload_can_still_be_asked_for()
    {
        var args = WebCommandLine.Translate(["--hostBuilder:reloadConfigOnChange=true"]);

        Assert.Equal(["--hostBuilder:reloadConfigOnChange=true"], args);
    }

    [Fact]
    public void A_switch_without_its_value_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => WebCommandLine.Translate(["--source"]));
        Assert.Contains("--source", error.Message);
    }
}
