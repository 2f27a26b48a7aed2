using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SemanticSearch.Clip;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Crawler;
using SemanticSearch.Imaging;

namespace SemanticSearch.Cli.Commands;

/// <summary><c>semsearch embed</c>: CLIP embeddings of texts and images as JSON lines on stdout.</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var model = CliHost.ModelOption();
        var texts = new Option<string[]>("--text")
        {
            Description = "Text to embed; repeat for several.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var images = new Option<string[]>("--image")
        {
            Description = "Image file to embed; repeat for several, or list several after one --image.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("embed", "Print CLIP embeddings as JSON lines {\"input\": ..., \"embedding\": [...]}. "
            + "Exit code 2 when some image could not be read (the others are still printed).");
        command.Options.Add(model);
        command.Options.Add(texts);
        command.Options.Add(images);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(texts)?.Length ?? 0) == 0 && (result.GetValue(images)?.Length ?? 0) == 0)
                result.AddError("Give at least one --text or --image.");
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            ClipEmbeddingModel clip;
            try
            {
                clip = ClipEmbeddingModel.Load(CliModelSettings.ModelOptions(parseResult.GetValue(model)));
            }
            catch (ClipModelException e)
            {
                Console.Error.WriteLine($"semsearch embed: {e.Message}");
                return Task.FromResult(1);
            }
            using (clip)
            {
                using var stdout = Console.OpenStandardOutput();
                var textInputs = parseResult.GetValue(texts) ?? [];
                if (textInputs.Length > 0)
                {
                    var vectors = clip.Text.EncodeTexts(textInputs, cancellationToken);
                    for (var i = 0; i < textInputs.Length; i++)
                        WriteLine(stdout, textInputs[i], vectors[i]);
                }
                var ok = EmbedImages(clip, parseResult.GetValue(model), parseResult.GetValue(images) ?? [], stdout, cancellationToken);
                return Task.FromResult(ok ? 0 : 2);
            }
        });
        return command;
    }

    /// <summary>Encodes images in batches; an unreadable image is reported on stderr and skipped. False if any failed.</summary>
    private static bool EmbedImages(ClipEmbeddingModel clip, string? modelDir, string[] paths, Stream stdout, CancellationToken ct)
    {
        var embedder = CliModelSettings.ImageEmbedder(clip.Images, new SkiaImageDecoder(), modelDir);
        var spec = embedder.Preprocess;
        var batch = clip.Images.BatchSize;
        var tensors = new float[batch * spec.TensorLength];
        var pending = new List<string>(batch);
        var allOk = true;
        foreach (var path in paths)
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                embedder.Prepare(bytes, tensors.AsSpan(pending.Count * spec.TensorLength, spec.TensorLength));
                pending.Add(path);
            }
            catch (Exception e) when (e is ImageDecodeException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"semsearch embed: {path}: {e.Message}");
                allOk = false;
            }
            if (pending.Count == batch)
                Flush();
        }
        Flush();
        return allOk;

        void Flush()
        {
            if (pending.Count == 0)
                return;
            var vectors = embedder.Encode(tensors, pending.Count, ct);
            for (var i = 0; i < pending.Count; i++)
                WriteLine(stdout, pending[i], vectors[i]);
            pending.Clear();
        }
    }

    private static void WriteLine(Stream stdout, string input, float[] embedding)
    {
        using (var json = new Utf8JsonWriter(stdout))
        {
            json.WriteStartObject();
            json.WriteString("input", input);
            json.WriteStartArray("embedding");
            foreach (var x in embedding)
                json.WriteNumberValue(x);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }
}
