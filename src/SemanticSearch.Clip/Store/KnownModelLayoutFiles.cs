namespace SemanticSearch.Clip.Store;

/// <summary>The files a known model must list so that the pulled folder loads in its <see cref="ClipModelLayout"/>.</summary>
internal static class KnownModelLayoutFiles
{
    /// <summary>What a layout needs that <paramref name="paths"/> lacks, in words; empty when complete.</summary>
    public static IEnumerable<string> Missing(ClipModelLayout layout, IReadOnlyCollection<string> paths)
    {
        bool Has(string path) => paths.Contains(path, StringComparer.Ordinal);
        bool Any(Func<string, bool> match) => paths.Any(match);
        if (layout == ClipModelLayout.OpenClip)
        {
            foreach (var required in new[]
                     {
                         "config.json", "textual/model.onnx", "textual/tokenizer.json", "textual/tokenizer_config.json",
                         "visual/model.onnx", "visual/preprocess_cfg.json",
                     })
                if (!Has(required))
                    yield return required;
            yield break;
        }
        if (!Any(p => p.StartsWith("onnx/", StringComparison.Ordinal) && p.Contains("text_model", StringComparison.Ordinal) && p.EndsWith(".onnx", StringComparison.Ordinal)))
            yield return "onnx/text_model*.onnx";
        if (!Any(p => p.StartsWith("onnx/", StringComparison.Ordinal) && p.Contains("vision_model", StringComparison.Ordinal) && p.EndsWith(".onnx", StringComparison.Ordinal)))
            yield return "onnx/vision_model*.onnx";
        foreach (var required in new[] { "config.json", "preprocessor_config.json" })
            if (!Has(required))
                yield return required;
        if (!Has("tokenizer.json") && !(Has("vocab.json") && Has("merges.txt")))
            yield return "tokenizer.json (or vocab.json + merges.txt)";
    }
}
