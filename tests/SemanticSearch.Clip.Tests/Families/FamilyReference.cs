using System.Text.Json;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Families;

/// <summary>One family's PyTorch references in tests/fixtures/model-families/references.json.</summary>
internal sealed record FamilyReference(FamilyText[] Texts, FamilyImage[] Images, int PadId, int ContextLength)
{
    private static readonly Lazy<Dictionary<string, FamilyReference>> All = new(() =>
        JsonSerializer.Deserialize<Dictionary<string, FamilyReference>>(
            File.ReadAllText(Path.Combine(ModelFamilyFolders.Root, "references.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    public static FamilyReference Of(string family) => All.Value[family];
}
