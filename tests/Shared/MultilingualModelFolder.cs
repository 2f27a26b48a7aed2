using System.Text.Json.Nodes;

namespace SemanticSearch.Tests.Shared;

/// <summary>
/// A model folder whose tokenizer needs a FLORES-200 language before the text, as NLLB-CLIP's does: the demo model's
/// ONNX towers with the SentencePiece BPE fixture's tokenizer.json, given NLLB's language tokens and its template
/// (language, text, end token). The demo text tower takes any id below 49,408 but gives its own row only to the ids
/// of its caption words, so the language tokens get the ids of "blue", "green" and "yellow" to be told apart.
/// </summary>
internal sealed class MultilingualModelFolder : IDisposable
{
    /// <summary>The languages the vocabulary has (NLLB has 200; these are enough to tell them apart).</summary>
    public static readonly string[] Languages = ["eng_Latn", "deu_Latn", "zho_Hans"];

    private readonly TempDirectory _folder = new("semsearch-nllb-like");

    public MultilingualModelFolder()
    {
        Directory.CreateDirectory(_folder.Combine("onnx"));
        foreach (var file in new[] { "config.json", "preprocessor_config.json", "onnx/text_model.onnx", "onnx/vision_model.onnx" })
            File.Copy(Path.Combine(RepoPaths.DemoModel, file), _folder.Combine(file));

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "tokenizer", "sentencepiece", "bpe", "tokenizer.json")))!;
        var added = json["added_tokens"]!.AsArray();
        var clipVocabulary = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.DemoModel, "vocab.json")))!;
        string[] colours = ["blue</w>", "green</w>", "yellow</w>"];
        for (var i = 0; i < Languages.Length; i++)
            LanguageIds[Languages[i]] = clipVocabulary[colours[i]]!.GetValue<int>();
        if (LanguageIds.Values.Min() < json["model"]!["vocab"]!.AsObject().Count)
            throw new InvalidOperationException("A language id would replace a piece of the fixture's vocabulary.");
        foreach (var (language, id) in LanguageIds)
            added.Add(new JsonObject { ["id"] = id, ["content"] = language, ["special"] = true });
        EndId = json["model"]!["vocab"]!["</s>"]!.GetValue<int>();
        json["post_processor"] = new JsonObject
        {
            ["type"] = "TemplateProcessing",
            ["single"] = new JsonArray(
                new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = "eng_Latn", ["type_id"] = 0 } },
                new JsonObject { ["Sequence"] = new JsonObject { ["id"] = "A", ["type_id"] = 0 } },
                new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = "</s>", ["type_id"] = 0 } }),
            ["special_tokens"] = new JsonObject
            {
                ["eng_Latn"] = new JsonObject { ["id"] = "eng_Latn", ["ids"] = new JsonArray(LanguageIds["eng_Latn"]) },
                ["</s>"] = new JsonObject { ["id"] = "</s>", ["ids"] = new JsonArray(EndId) },
            },
        };
        File.WriteAllText(_folder.Combine("tokenizer.json"), json.ToJsonString());
    }

    public string Folder => _folder.Path;

    /// <summary>Id of each language token.</summary>
    public Dictionary<string, int> LanguageIds { get; } = [];

    /// <summary>Id of <c>&lt;/s&gt;</c>.</summary>
    public int EndId { get; }

    public void Dispose() => _folder.Dispose();
}
