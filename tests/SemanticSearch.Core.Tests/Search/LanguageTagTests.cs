using SemanticSearch.Core.Search;

namespace SemanticSearch.Core.Tests.Search;

/// <summary>The shape a query's language tag must have before it reaches a model.</summary>
public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("de-CH")]
    [InlineData("pt_BR")]
    [InlineData("zh-Hant-TW")]
    [InlineData("tlh")]
    [InlineData("es-419")]
    public void Bcp47_shaped_tags_are_accepted(string tag) => Assert.True(LanguageTag.IsWellFormed(tag));

    [Theory]
    [InlineData("")]
    [InlineData("e")]
    [InlineData("de CH")]
    [InlineData("de-CH\n")]
    [InlineData("<script>")]
    [InlineData("de--CH")]
    [InlineData("abcdefghijklmnopqrstuvwxyz-abcdefgh-ij")]
    public void Anything_else_is_refused(string tag) => Assert.False(LanguageTag.IsWellFormed(tag));

    [Fact]
    public void The_problem_names_the_parameter_and_cuts_a_long_value() =>
        Assert.Equal($"lang must be a language tag such as en, de-CH or zh-Hant (at most 35 characters); was '{new string('x', 35)}…'.",
            LanguageTag.Problem(new string('x', 500), "lang"));
}
