namespace SemanticSearch.Imaging.Tests;

/// <summary>One PIL crop of tests/fixtures/model-families/preprocess/manifest.json (tools/model_families/make_family_exports.py).</summary>
internal sealed record PreprocessModeCase(string Image, int Size, string Interpolation, string ResizeMode, string Crop);
