using System.CommandLine;
using SemanticSearch.Cli.Commands;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Cli.Tests;

/// <summary>Tests of <c>semsearch tokenize</c>. They swap Console.In, so they run apart from other tests.</summary>
[Collection(nameof(TokenizeCommandTests))]
[CollectionDefinition(nameof(TokenizeCommandTests), DisableParallelization = true)]
public sealed class TokenizeCommandTests
{
    [Fact]
    public void Prints_one_json_array_of_ids_per_input_line()
    {
        var (exit, output, error) = Invoke("a photo of a cat\nA PHOTO OF A DOG\n\n<|endoftext|> after\n", "tokenize");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(
            ["[320,1125,539,320,2368]", "[320,1125,539,320,1929]", "[]", "[49407,953]"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Context_prints_the_padded_77_slot_model_input()
    {
        var longLine = string.Join(' ', Enumerable.Repeat("cat", 100));
        var (exit, output, _) = Invoke($"a photo of a cat\n{longLine}\n", "tokenize", "--context");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Equal("[49406,320,1125,539,320,2368,49407" + string.Concat(Enumerable.Repeat(",0", 70)) + "]", lines[0]);
        var truncated = lines[1].Trim('[', ']').Split(',').Select(int.Parse).ToArray();
        Assert.Equal(77, truncated.Length);
        Assert.Equal(49406, truncated[0]);
        Assert.Equal(49407, truncated[^1]);
        Assert.All(truncated[1..^1], id => Assert.Equal(2368, id));
    }

    [Fact]
    public void Model_folder_without_tokenizer_files_uses_the_bundled_vocabulary()
    {
        using var empty = new TempDirectory("tokenize-cli");
        var (exit, output, _) = Invoke("don't stop believin'\n", "tokenize", "--model", empty.Path);
        Assert.Equal(0, exit);
        Assert.Equal("[847,713,1691,4972,530,262]", output.Trim());
    }

    [Fact]
    public void A_sentencepiece_model_folder_gives_sentencepieces_ids_and_its_padded_input()
    {
        using var folder = new TempDirectory("tokenize-cli");
        var fixture = Path.Combine(RepoPaths.Fixtures, "tokenizer", "sentencepiece", "unigram");
        File.Copy(Path.Combine(fixture, "tokenizer.json"), folder.Combine("tokenizer.json"));

        var plain = Invoke("a photo of a dog running on the beach at sunset\n", "tokenize", "--model", folder.Path);
        var context = Invoke("a photo of a dog running on the beach at sunset\n", "tokenize", "--model", folder.Path, "--context");

        // Ids from python3-sentencepiece (tests/fixtures/tokenizer/sentencepiece/sentencepiece_ids.json); 2 is </s>, 3 <pad>.
        const string ids = "9,4,178,73,9,195,13,4,17,41,114,122,32,5,27,5,6,119,4,30,82,126,49";
        Assert.Equal((0, $"[{ids}]"), (plain.Exit, plain.Output.Trim()));
        Assert.Equal($"[{ids},2{string.Concat(Enumerable.Repeat(",3", 64 - 24))}]", context.Output.Trim());
    }

    [Fact]
    public void Missing_model_folder_is_reported_with_exit_code_1()
    {
        var (exit, output, error) = Invoke("cat\n", "tokenize", "--model", "/nonexistent/semsearch-model");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("semsearch tokenize:", error);
    }

    private static (int Exit, string Output, string Error) Invoke(string stdin, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(TokenizeCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var previousIn = Console.In;
        Console.SetIn(new StringReader(stdin));
        try
        {
            var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetIn(previousIn);
        }
    }
}
