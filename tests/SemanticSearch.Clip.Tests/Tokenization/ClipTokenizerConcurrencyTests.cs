using SemanticSearch.Clip.Tokenization;
using SemanticSearch.Tests.Shared;

namespace SemanticSearch.Clip.Tests.Tokenization;

/// <summary>One tokenizer shared by many threads, starting with an empty word cache, gives the reference ids.</summary>
public sealed class ClipTokenizerConcurrencyTests
{
    [Fact]
    public void Concurrent_encoding_from_a_cold_cache_matches_the_reference()
    {
        // Copies in a fresh folder make a new instance, so its word cache starts empty and fills under contention.
        using var folder = new TempDirectory("clip-tokenizer");
        File.Copy(TokenizerFixtures.DemoVocabJson, folder.Combine("vocab.json"));
        File.Copy(TokenizerFixtures.DemoMergesTxt, folder.Combine("merges.txt"));
        var tokenizer = ClipTokenizer.FromDirectory(folder.Path);
        var cases = TokenizerFixtures.Cases;
        var wrong = 0;
        Parallel.For(0, cases.Count * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var c = cases[(i * 7919) % cases.Count];
            if (!tokenizer.Encode(c.Text).SequenceEqual(c.Ids))
                Interlocked.Increment(ref wrong);
        });
        Assert.Equal(0, wrong);
    }
}
