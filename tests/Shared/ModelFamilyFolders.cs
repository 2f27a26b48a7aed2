namespace SemanticSearch.Tests.Shared;

/// <summary>
/// The random-weight model families of tests/fixtures/model-families (tools/model_families/make_family_exports.py),
/// copied whole into a test's folder. The CLIP-tokenizer families get the shared clip-bpe-tokenizer.json as their
/// <c>textual/tokenizer.json</c>: it is committed once instead of once per family.
/// </summary>
internal static class ModelFamilyFolders
{
    /// <summary>The families in the open_clip layout.</summary>
    public static readonly string[] OpenClipFamilies = ["openai-openclip", "openclip", "siglip2", "mclip", "nllb-clip"];

    public static string Root => System.IO.Path.Combine(RepoPaths.Fixtures, "model-families");

    /// <summary>Copies <paramref name="family"/> to <paramref name="parent"/>/<paramref name="family"/> and returns that folder.</summary>
    public static string Materialize(string family, string parent)
    {
        var source = System.IO.Path.Combine(Root, family);
        var target = System.IO.Path.Combine(parent, family);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        var tokenizer = System.IO.Path.Combine(target, "textual", "tokenizer.json");
        if (Directory.Exists(System.IO.Path.Combine(target, "textual")) && !File.Exists(tokenizer))
            File.Copy(System.IO.Path.Combine(Root, "clip-bpe-tokenizer.json"), tokenizer);
        return target;
    }
}
