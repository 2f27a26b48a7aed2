using SemanticSearch.Web.Hosting;

namespace SemanticSearch.Web.Tests.Hosting;

public sealed class WebCommandLineTests
{
    [Fact]
    public void Data_dir_and_repeated_sources_become_configuration_keys()
    {
        var args = WebCommandLine.Translate(["--data-dir", "/tmp/data", "--source", "/photos", "--source=https://example.org/gallery", "--urls", "http://127.0.0.1:5123"]);

        Assert.Equal(
        [
            "--hostBuilder:reloadConfigOnChange=false",
            "--SemanticSearch:DataDirectory=/tmp/data",
            "--SemanticSearch:Sources:0:Location=/photos",
            "--SemanticSearch:Sources:0:Kind=Folder",
            "--SemanticSearch:Sources:1:Location=https://example.org/gallery",
            "--SemanticSearch:Sources:1:Kind=Web",
            "--urls",
            "http://127.0.0.1:5123",
        ], args);
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
