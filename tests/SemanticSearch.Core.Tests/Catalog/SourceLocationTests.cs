using SemanticSearch.Core.Catalog;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Core.Tests.Catalog;

public sealed class SourceLocationTests : IDisposable
{
    private readonly TempDirectory _temp = new("semsearch-location");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_folder_with_and_without_a_trailing_separator_is_one_location()
    {
        var photos = Directory.CreateDirectory(_temp.Combine("photos")).FullName;

        Assert.Equal(photos, SourceLocation.Normalise(SourceKind.Folder, photos + "/"));
        Assert.Equal(photos, SourceLocation.Normalise(SourceKind.Folder, photos + "//"));
        Assert.Equal(photos, SourceLocation.Normalise(SourceKind.Folder, photos));
    }

    [Fact]
    public void A_link_to_a_folder_is_the_folder_it_leads_to()
    {
        var photos = Directory.CreateDirectory(_temp.Combine("photos", "2024")).FullName;
        Directory.CreateSymbolicLink(_temp.Combine("link"), "photos");

        Assert.Equal(photos, SourceLocation.Normalise(SourceKind.Folder, _temp.Combine("link", "2024") + "/"));
        Assert.Equal(photos, SourceLocation.Normalise(SourceKind.Folder, _temp.Combine("photos", ".", "x", "..", "2024")));
    }

    [Fact]
    public void A_link_loop_keeps_the_path_as_written_instead_of_failing()
    {
        Directory.CreateSymbolicLink(_temp.Combine("a"), "b");
        Directory.CreateSymbolicLink(_temp.Combine("b"), "a");

        Assert.Equal(_temp.Combine("a"), SourceLocation.Normalise(SourceKind.Folder, _temp.Combine("a") + "/"));
    }

    [Fact]
    public void A_folder_that_does_not_exist_yet_is_written_without_dots_or_trailing_separator()
    {
        Assert.Equal("/nowhere-semsearch/b", SourceLocation.Normalise(SourceKind.Folder, "/nowhere-semsearch/a/../b/"));
        Assert.Equal("/", SourceLocation.Normalise(SourceKind.Folder, "/"));
    }

    [Theory]
    [InlineData("HTTP://Example.COM:80/Gallery?page=2#top", "http://example.com/Gallery?page=2")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("  https://example.com:443/a/  ", "https://example.com/a/")]
    [InlineData("http://127.0.0.1:8080/list.txt", "http://127.0.0.1:8080/list.txt")]
    [InlineData("http://example.com/%7Euser/a%20b", "http://example.com/~user/a%20b")]
    public void Urls_are_written_in_one_canonical_form(string given, string expected) =>
        Assert.Equal(expected, SourceLocation.Normalise(SourceKind.Web, given));

    [Fact]
    public void A_file_given_as_a_source_is_refused_and_the_reason_says_it_is_a_file()
    {
        var file = _temp.Combine("one.jpg");
        File.WriteAllBytes(file, [1, 2, 3]);

        Assert.False(SourceLocation.TryParse(file, out var source, out var error));
        Assert.Null(source);
        Assert.Contains("is a file, not a folder", error);
    }

    [Fact]
    public void A_missing_folder_or_another_scheme_is_refused_with_a_reason()
    {
        Assert.False(SourceLocation.TryParse(_temp.Combine("missing"), out _, out var missing));
        Assert.Contains("does not exist", missing);
        Assert.False(SourceLocation.TryParse("ftp://example.com/photos", out _, out var scheme));
        Assert.Contains("http and https", scheme);
        Assert.False(SourceLocation.TryParse("  ", out _, out var empty));
        Assert.Contains("folder path or an http(s) URL", empty);
    }

    [Theory]
    [InlineData("/tmp/a\0b", "control characters")]
    [InlineData("/tmp/a\nb", "control characters")]
    public void A_location_with_a_control_character_is_refused_before_it_is_read(string given, string reason)
    {
        Assert.False(SourceLocation.TryParse(given, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_location_longer_than_a_path_can_be_is_refused_without_echoing_it()
    {
        var huge = "/" + new string('a', SourceLocation.MaxLength);

        Assert.False(SourceLocation.TryParse(huge, out _, out var error));
        Assert.Contains($"at most {SourceLocation.MaxLength} characters", error);
        Assert.True(error.Length < 200);
    }

    [Fact]
    public void A_typed_folder_or_url_comes_back_normalised_with_its_kind()
    {
        var photos = Directory.CreateDirectory(_temp.Combine("photos")).FullName;

        Assert.True(SourceLocation.TryParse(photos + "/", out var folder, out _));
        Assert.Equal((SourceKind.Folder, photos), (folder.Kind, folder.Location));
        Assert.True(SourceLocation.TryParse("file://" + photos + "/", out var fileUri, out _));
        Assert.Equal(photos, fileUri.Location);
        Assert.True(SourceLocation.TryParse("HTTPS://Example.com", out var web, out _));
        Assert.Equal((SourceKind.Web, "https://example.com/"), (web.Kind, web.Location));
    }
}
