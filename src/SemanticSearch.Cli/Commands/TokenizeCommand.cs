using System.CommandLine;
using System.Text;
using SemanticSearch.Clip.Tokenization;
using SemanticSearch.Core.Configuration;

namespace SemanticSearch.Cli.Commands;

/// <summary><c>semsearch tokenize</c>: token ids (CLIP or SentencePiece, as the model folder says) of each line of standard
/// input, one JSON array per line.</summary>
internal static class TokenizeCommand
{
    /// <summary>The model folder used when <c>--model</c> is not given.</summary>
    internal const string DefaultModel = "models/clip-demo";

    /// <summary>Builds the <c>tokenize</c> verb.</summary>
    public static Command Create()
    {
        var context = new Option<bool>("--context")
        {
            Description = $"Print the model input instead: the ids with the model's special tokens, padded to its context ({ClipTokenizer.DefaultContextLength} "
                + "for CLIP) with its pad id (long lines truncated so the end token stays).",
        };
        var model = new Option<string?>("--model")
        {
            Description = $"Model folder whose tokenizer files to use (default: {DefaultModel}; the bundled CLIP vocabulary if it has none).",
        };
        var command = new Command("tokenize",
            "Read lines from standard input and print each one's token ids as a JSON array (without special tokens).");
        command.Options.Add(context);
        command.Options.Add(model);
        command.SetAction(parseResult => Run(
            Console.In,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            parseResult.GetValue(model),
            parseResult.GetValue(context)));
        return command;
    }

    /// <summary>Tokenizes every line of <paramref name="input"/>; returns the exit code.</summary>
    internal static int Run(TextReader input, TextWriter output, TextWriter error, string? modelDir, bool context)
    {
        ITextTokenizer tokenizer;
        try
        {
            tokenizer = TextTokenizerLoader.Load(AppPaths.Resolve(string.IsNullOrWhiteSpace(modelDir) ? DefaultModel : modelDir));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"semsearch tokenize: {e.Message}");
            return 1;
        }

        var line = new StringBuilder();
        while (input.ReadLine() is { } text)
        {
            IReadOnlyList<int> ids = context ? Padded(tokenizer, text) : tokenizer.Encode(text);
            line.Clear().Append('[');
            for (var i = 0; i < ids.Count; i++)
            {
                if (i > 0)
                    line.Append(',');
                line.Append(ids[i]);
            }

            output.WriteLine(line.Append(']'));
        }

        output.Flush();
        return 0;
    }

    private static int[] Padded(ITextTokenizer tokenizer, string text)
    {
        var ids = tokenizer.EncodeForModel(text, tokenizer.ContextLength);
        var padded = new int[tokenizer.ContextLength];
        Array.Fill(padded, tokenizer.PadId);
        ids.CopyTo(padded, 0);
        return padded;
    }
}
