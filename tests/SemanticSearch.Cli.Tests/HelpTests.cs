using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary><c>semsearch --help</c> as a person first reads it.</summary>
public sealed class HelpTests : IDisposable
{
    private readonly TempDirectory _work = new("semsearch-cli-help");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Help_lists_the_everyday_verbs_first_and_the_developer_tools_last()
    {
        var (exit, output, error) = await SemsearchProcess.RunAsync(_work.Path, "--help");

        Assert.True(exit == 0, error);
        var verbs = output.Split('\n')
            .SkipWhile(line => !line.StartsWith("Commands:", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split(' ')[0])
            .ToArray();
        Assert.Equal(["search", "index", "sources", "stats", "catalog", "models", "embed", "tokenize", "preprocess", "bench"], verbs);
    }
}
