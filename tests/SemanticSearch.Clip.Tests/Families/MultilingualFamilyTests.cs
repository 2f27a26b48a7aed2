using System.Numerics.Tensors;
using SemanticSearch.Clip.Onnx;
using SemanticSearch.Core.Embeddings;
using SemanticSearch.Core.Imaging;
using SemanticSearch.Tests.Shared;
using Xunit.Abstractions;

namespace SemanticSearch.Clip.Tests.Families;

/// <summary>
/// M-CLIP (XLM-RoBERTa text tower fed <c>input_ids</c> + <c>attention_mask</c>) and NLLB-CLIP (a FLORES-200 language
/// token before the text) in Immich's layout, against sentencepiece's ids and PyTorch's embeddings
/// (tools/model_families/make_family_exports.py).
/// </summary>
public sealed class MultilingualFamilyTests(ITestOutputHelper output) : IDisposable
{
    private const float MinCosine = 0.999f;
    private readonly TempDirectory _temp = new("semsearch-multilingual");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("mclip")]
    [InlineData("nllb-clip")]
    public void Texts_in_several_languages_tokenize_and_embed_as_PyTorch_does(string family)
    {
        using var model = Load(family);

        foreach (var reference in FamilyReference.Of(family).Texts)
        {
            var language = model.Text.ResolveLanguage(reference.Language);
            Assert.Null(language.Note);

            var ids = model.Text.Tokenizer.EncodeForModel(reference.Text!, model.Text.ContextLength, language.ModelCode);
            var embedding = model.Text.EncodeTexts([reference.Text!], language)[0];

            Assert.Equal(reference.Ids, ids);
            AssertClose(family, $"{reference.Text} ({reference.Language})", reference.Embedding, embedding);
        }
    }

    [Fact]
    public void M_CLIP_texts_are_padded_to_the_context_with_the_pad_token_and_masked()
    {
        using var model = Load("mclip");
        var reference = FamilyReference.Of("mclip");

        Assert.Equal(77, model.Text.ContextLength);
        Assert.Equal(1, model.Text.PadId); // <pad> of XLM-RoBERTa's fairseq ids, from tokenizer_config.json
        Assert.False(model.Text.Tokenizer.NeedsLanguage);
        Assert.Same(TextLanguage.None, model.Text.ResolveLanguage("de"));
        // Mean-pooled over the attention mask: a mask over the padding too would move every short text.
        var embedding = model.Text.EncodeTokenIds([reference.Texts[0].Ids])[0];
        AssertClose("mclip", "short", reference.Texts[0].Embedding, embedding);
    }

    [Fact]
    public void NLLB_reads_the_same_words_differently_in_another_language()
    {
        using var model = Load("nllb-clip");
        var texts = FamilyReference.Of("nllb-clip").Texts;
        var (english, german) = (texts[0], texts[1]);
        Assert.Equal((english.Text, "en", "de"), (german.Text, english.Language, german.Language));

        var asEnglish = model.Text.EncodeTexts([english.Text!], model.Text.ResolveLanguage("en-GB"))[0];
        var asGerman = model.Text.EncodeTexts([german.Text!], model.Text.ResolveLanguage("de-CH"))[0];
        var unsaid = model.Text.EncodeTexts([english.Text!])[0];

        AssertClose("nllb-clip", "en-GB", english.Embedding, asEnglish);
        AssertClose("nllb-clip", "de-CH", german.Embedding, asGerman);
        AssertClose("nllb-clip", "no language", english.Embedding, unsaid);
        Assert.True(TensorPrimitives.CosineSimilarity(asEnglish, asGerman) < 0.99f);
    }

    [Theory]
    [InlineData("tlh")]   // a tag the search does not know
    [InlineData("it-IT")] // Italian is known, but this small vocabulary has no ita_Latn
    public void NLLB_reads_a_language_it_cannot_take_as_English_with_a_note(string tag)
    {
        using var model = Load("nllb-clip");
        var english = FamilyReference.Of("nllb-clip").Texts[0];

        var language = model.Text.ResolveLanguage(tag);
        var embedding = model.Text.EncodeTexts([english.Text!], language)[0];

        Assert.Equal("eng_Latn", language.ModelCode);
        Assert.Contains(tag, language.Note);
        AssertClose("nllb-clip", tag, english.Embedding, embedding);
    }

    [Fact]
    public void An_open_clip_config_without_a_context_length_gets_open_clips_77()
    {
        // nllb-clip-base-siglip's config.json names a Hugging Face text model and no context_length; open_clip and
        // Immich then tokenize to 77, not to the tokenizer's model_max_length of 1024.
        var folder = ClipModelFolder.Open(ModelFamilyFolders.Materialize("nllb-clip", _temp.Path));

        Assert.Equal(77, folder.ContextLength);
        Assert.Equal("<pad>", folder.PadToken);
        Assert.Equal(ImageResizeMode.Squash, folder.Preprocess.ResizeMode);
        Assert.Equal(384, folder.Preprocess.Size);
    }

    private ClipEmbeddingModel Load(string family) =>
        ClipEmbeddingModel.Load(ModelFamilyFolders.Materialize(family, _temp.Combine(Guid.NewGuid().ToString("N"))), new ClipModelOptions());

    private void AssertClose(string family, string what, float[] expected, float[] actual)
    {
        var cosine = TensorPrimitives.CosineSimilarity(expected, actual);
        output.WriteLine($"{family} {what}: cosine {cosine:F6}");
        Assert.True(cosine >= MinCosine, $"{family} {what}: cosine {cosine:F6} < {MinCosine}");
    }
}
