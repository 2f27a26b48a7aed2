using System.Text;
using SemanticSearch.Clip.Tokenization;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>
/// Checks the C# stand-ins for Python's string rules against what Python itself reported for every assigned code point
/// (tests/fixtures/tokenizer/python_unicode.json). Code points Python's Unicode database does not assign are skipped:
/// .NET may know newer characters, and no reference output exists for them.
/// </summary>
public sealed class PythonUnicodeParityTests
{
    private static readonly HashSet<int> Assigned = [.. TokenizerFixtures.CodePoints("assigned")];

    // Characters whose properties changed after the Unicode version of the Python that made the fixture; .NET follows
    // the newer data, as the reference would on a newer Python.
    private static readonly Dictionary<int, string> ChangedInLaterUnicode = new()
    {
        [0x1171E] = "AHOM CONSONANT SIGN MEDIAL RA: Mn (case-ignorable) in Unicode 14, Mc from Unicode 15",
    };

    [Fact]
    public void Whitespace_is_pythons_isspace()
    {
        var expected = TokenizerFixtures.CodePoints("whitespace").ToHashSet();
        var mismatches = Assigned.Where(cp => cp <= 0xFFFF && PythonWhitespace.IsWhitespace((char)cp) != expected.Contains(cp))
            .Select(cp => $"U+{cp:X4}");
        AssertNone(mismatches, "isspace");
        Assert.All(expected, cp => Assert.True(cp <= 0xFFFF));
    }

    [Fact]
    public void Pattern_classes_match_the_regex_module()
    {
        var letters = TokenizerFixtures.CodePoints("patternLetter").ToHashSet();
        var numbers = TokenizerFixtures.CodePoints("patternNumber").ToHashSet();
        var others = TokenizerFixtures.CodePoints("patternOther").ToHashSet();
        var mismatches = new List<string>();
        foreach (var cp in Assigned)
        {
            var expected = letters.Contains(cp) ? ClipCharacterClass.Letter
                : numbers.Contains(cp) ? ClipCharacterClass.Number
                : others.Contains(cp) ? ClipCharacterClass.Other
                : ClipCharacterClass.Skipped;
            var actual = ClipPreTokenizer.Classify(new Rune(cp));
            if (actual != expected)
                mismatches.Add($"U+{cp:X4} {expected} but {actual}");
        }

        AssertNone(mismatches, "pattern class");
    }

    [Fact]
    public void Lower_case_is_pythons_str_lower_for_every_code_point()
    {
        var expected = TokenizerFixtures.Unicode.GetProperty("lower").EnumerateArray()
            .ToDictionary(e => e[0].GetInt32(), e => e[1].GetString()!);
        var mismatches = new List<string>();
        foreach (var cp in Assigned)
        {
            var text = char.ConvertFromUtf32(cp);
            var want = expected.GetValueOrDefault(cp, text);
            if (cp == 0x03A3)
                want = "\u03C3"; // alone, capital sigma is not final (nothing cased precedes it)
            var got = PythonLowerCase.Lower(text);
            if (got != want)
                mismatches.Add($"U+{cp:X4} -> {Hex(want)} but {Hex(got)}");
        }

        AssertNone(mismatches, "lower");
    }

    [Fact]
    public void Final_sigma_sees_cased_and_case_ignorable_as_python_does()
    {
        var cased = TokenizerFixtures.CodePoints("casedNotIgnorable").ToHashSet();
        var ignorable = TokenizerFixtures.CodePoints("caseIgnorable").ToHashSet();
        var mismatches = new List<string>();
        foreach (var cp in Assigned.Where(cp => !ChangedInLaterUnicode.ContainsKey(cp)))
        {
            var rune = new Rune(cp);
            var isIgnorable = PythonLowerCase.IsCaseIgnorable(rune);
            if (isIgnorable != ignorable.Contains(cp))
                mismatches.Add($"U+{cp:X4} case-ignorable: expected {ignorable.Contains(cp)}");
            else if (!isIgnorable && PythonLowerCase.IsCased(rune) != cased.Contains(cp))
                mismatches.Add($"U+{cp:X4} cased: expected {cased.Contains(cp)}");
        }

        AssertNone(mismatches, "Final_Sigma property");
    }

    [Fact]
    public void Nfc_of_single_code_points_matches_python()
    {
        var expected = TokenizerFixtures.Unicode.GetProperty("nfc").EnumerateArray()
            .ToDictionary(e => e[0].GetInt32(), e => e[1].GetString()!);
        var mismatches = new List<string>();
        foreach (var cp in Assigned)
        {
            var text = char.ConvertFromUtf32(cp);
            var want = expected.GetValueOrDefault(cp, text);
            var got = text.Normalize(NormalizationForm.FormC);
            if (got != want)
                mismatches.Add($"U+{cp:X4} -> {Hex(want)} but {Hex(got)}");
        }

        AssertNone(mismatches, "NFC");
    }

    [Theory]
    [InlineData("ΟΔΟΣ", "οδος")]
    [InlineData("ΟΔΟΣ ΚΑΛΟΣ", "οδος καλος")]
    [InlineData("ΣΑ", "σα")]
    [InlineData("ΑΣΑ", "ασα")]
    [InlineData("Α.Σ", "α.ς")]
    [InlineData("ΑΣ\u0308Α", "ασ\u0308α")]
    [InlineData("İstanbul", "i\u0307stanbul")]
    [InlineData("STRASSE Straße ẞ", "strasse straße ß")]
    [InlineData("𐐀𝐀", "𐐨𝐀")]
    public void Lower_handles_the_special_cases(string text, string expected) =>
        Assert.Equal(expected, PythonLowerCase.Lower(text));

    private static string Hex(string s) => string.Join(' ', s.EnumerateRunes().Select(r => $"U+{r.Value:X4}"));

    private static void AssertNone(IEnumerable<string> mismatches, string what)
    {
        var list = mismatches.ToList();
        Assert.True(list.Count == 0, $"{list.Count} {what} mismatches:\n" + string.Join('\n', list.Take(40)));
    }
}
