using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary>
/// A model folder that cannot be loaded (here a tokenizer.json that is not a tokenizer) is reported by every verb that
/// embeds as one line with the reason and exit code 1, never as a crash with a stack trace.
/// </summary>
public sealed class BrokenModelFolderTests : IDisposable
{
    private static readonly string Gallery = Path.Combine(RepoPaths.Fixtures, "shapes");
    private readonly TempDirectory _temp = new("semsearch-broken-model");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Index_with_a_tokenizer_that_cannot_be_loaded_says_why_in_one_line_and_exits_1()
    {
        var model = BrokenCopy("siglip2");

        var (exit, _, stderr) = await SemsearchProcess.RunAsync(_temp.Path, "index", "--source", Gallery, "--data-dir", _temp.Combine("data"), "--model", model);

        AssertOneLineReason(exit, stderr);
    }

    [Fact]
    public async Task Search_with_a_tokenizer_that_cannot_be_loaded_says_why_in_one_line_and_exits_1()
    {
        var good = ModelFamilyFolders.Materialize("siglip2", _temp.Combine("good"));
        var data = _temp.Combine("data");
        var (indexed, _, indexErrors) = await SemsearchProcess.RunAsync(_temp.Path, "index", "--source", Gallery, "--data-dir", data, "--model", good);
        Assert.True(indexed == 0, indexErrors);
        Break(good);

        var (exit, _, stderr) = await SemsearchProcess.RunAsync(_temp.Path, "search", "a red circle", "--data-dir", data, "--model", good);

        AssertOneLineReason(exit, stderr);
    }

    private string BrokenCopy(string family) => Break(ModelFamilyFolders.Materialize(family, _temp.Combine("broken")));

    private static string Break(string model)
    {
        File.WriteAllText(Path.Combine(model, "textual", "tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": \"not a vocabulary\"}}");
        return model;
    }

    private static void AssertOneLineReason(int exit, string stderr)
    {
        Assert.Equal(1, exit);
        Assert.DoesNotContain("Unhandled exception", stderr);
        Assert.DoesNotContain("   at ", stderr);
        var reasons = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("tokenizer", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.True(reasons.Length == 1, $"expected one line naming the tokenizer:\n{stderr}");
        Assert.Contains("tokenizer.json", reasons[0]);
    }
}
