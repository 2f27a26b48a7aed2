namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>One SentencePiece tokenizer shared by many threads gives every thread the reference ids.</summary>
public sealed class SentencePieceConcurrencyTests
{
    [Theory]
    [InlineData("unigram", "tokenizer.json")]
    [InlineData("bpe", "spiece.model")]
    public void Many_threads_get_the_same_ids_as_sentencepiece(string model, string file)
    {
        var tokenizer = SentencePieceParityTests.Load(model, file);
        var cases = SentencePieceFixtures.Cases(model);
        var wrong = 0;

        Parallel.For(0, cases.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var c = cases[i % cases.Count];
            if (!tokenizer.Encode(c.Text).SequenceEqual(c.Ids))
                Interlocked.Increment(ref wrong);
        });

        Assert.Equal(0, wrong);
    }
}
