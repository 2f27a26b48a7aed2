using SemanticSearch.Core.Search;

namespace SemanticSearch.Core.Tests.Search;

public sealed class QueryExpressionTests
{
    private static IEnumerable<(float, string)> Parse(string text) =>
        QueryExpression.Parse(text).Terms.Select(t => (t.Weight, t.Text));

    [Fact]
    public void Plain_text_is_one_term_of_weight_one() =>
        Assert.Equal([(1f, "a red circle")], Parse("  a red circle "));

    [Fact]
    public void Terms_are_added_and_subtracted_with_weights() =>
        Assert.Equal([(1f, "cat"), (0.5f, "snow"), (-1f, "dog")], Parse("cat + 0.5 snow - dog"));

    [Theory]
    [InlineData("2*cat", 2f, "cat")]
    [InlineData("2 * cat", 2f, "cat")]
    [InlineData("1.5*big cat", 1.5f, "big cat")]
    [InlineData(".5 snow", 0.5f, "snow")]
    [InlineData("0.25 snowy mountain", 0.25f, "snowy mountain")]
    public void A_leading_decimal_or_starred_number_is_a_weight(string text, float weight, string term) =>
        Assert.Equal([(weight, term)], Parse(text));

    [Theory]
    [InlineData("2 dogs")]
    [InlineData("101 dalmatians")]
    [InlineData("3.5inch floppy")]
    [InlineData("0.5")]
    public void Numbers_that_are_words_stay_text(string text) =>
        Assert.Equal([(1f, text)], Parse(text));

    [Fact]
    public void Whole_numbers_stay_text_inside_expressions() =>
        Assert.Equal([(1f, "2 dogs"), (-1f, "3 cats")], Parse("2 dogs - 3 cats"));

    [Theory]
    [InlineData("-dog cat", -1f, "dog cat")]
    [InlineData("- dog", -1f, "dog")]
    [InlineData("+ cat", 1f, "cat")]
    public void A_leading_sign_applies_to_the_first_term(string text, float weight, string term) =>
        Assert.Equal([(weight, term)], Parse(text));

    [Fact]
    public void Hyphens_and_plus_signs_inside_words_are_text() =>
        Assert.Equal([(1f, "t-shirt"), (-1f, "x-ray c++")], Parse("t-shirt - x-ray c++"));

    [Fact]
    public void A_minus_before_a_word_subtracts_it() =>
        Assert.Equal([(1f, "cat"), (-1f, "dog")], Parse("cat -dog"));

    [Fact]
    public void Quoted_phrases_keep_operators_and_numbers_as_text() =>
        Assert.Equal([(1f, "rock + roll"), (-1f, "0.5 mile - run"), (0.5f, "red car")],
            Parse("\"rock + roll\" - \"0.5 mile - run\" + 0.5 \"red car\""));

    [Theory]
    [InlineData("cat + + dog", "after the '+' at position 5")]
    [InlineData("cat -", "after the '-' at position 5")]
    [InlineData("- - dog", "after the '-' at position 1")]
    [InlineData("cat + 0.5 *", "after the '+' at position 5")]
    [InlineData("cat + \"\"", "after the '+' at position 5")]
    public void Empty_terms_are_rejected_with_their_position(string text, string expected)
    {
        var error = Assert.Throws<SearchQueryException>(() => QueryExpression.Parse(text));
        Assert.Contains("empty term", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.False(error.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_query_is_rejected(string? text) =>
        Assert.Contains("empty", Assert.Throws<SearchQueryException>(() => QueryExpression.Parse(text)).Message);

    [Fact]
    public void An_unclosed_quote_is_rejected() =>
        Assert.Contains("unclosed quote", Assert.Throws<SearchQueryException>(() => QueryExpression.Parse("cat + \"snow")).Message);

    [Fact]
    public void Too_long_a_query_is_rejected()
    {
        Assert.Single(QueryExpression.Parse(new string('a', 500)).Terms);
        var error = Assert.Throws<SearchQueryException>(() => QueryExpression.Parse(new string('a', 501)));
        Assert.Contains("501 characters", error.Message);
    }

    [Fact]
    public void Too_many_terms_are_rejected()
    {
        var text = string.Join(" + ", Enumerable.Range(0, 17).Select(i => $"word{i}"));
        Assert.Contains("17 terms", Assert.Throws<SearchQueryException>(() => QueryExpression.Parse(text)).Message);
        Assert.Equal(17, QueryExpression.Parse(text, maxTerms: 17).Terms.Count);
    }

    [Theory]
    [InlineData("9999999999999999999999999999999999999999*red", "term 1")]
    [InlineData("cat + 100.5 snow", "term 2")]
    [InlineData("cat - 1000*dog", "term 2")]
    public void A_weight_that_is_infinite_or_over_the_limit_is_rejected_naming_its_term(string text, string term)
    {
        var error = Assert.Throws<SearchQueryException>(() => QueryExpression.Parse(text));

        Assert.Contains(term, error.Message);
        Assert.Contains("from 0 to 100", error.Message);
        Assert.False(error.NotFound);
    }

    [Fact]
    public void Weights_up_to_the_limit_are_kept() =>
        Assert.Equal([(100f, "red"), (-100f, "blue")], Parse("100*red - 100*blue"));
}
