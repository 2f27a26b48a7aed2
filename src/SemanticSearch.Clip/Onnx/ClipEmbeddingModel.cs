using Microsoft.ML.OnnxRuntime;
using SemanticSearch.Clip.Tokenization;
using SemanticSearch.Core.Configuration;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Clip.Onnx;

/// <summary>
/// A CLIP model folder loaded into ONNX Runtime: one session per tower plus the tokenizer, shared by every caller
/// (sessions are thread-safe and expensive, so there is one of each per process).
/// </summary>
public sealed class ClipEmbeddingModel : IEmbeddingModel
{
    private readonly InferenceSession _textSession;
    private readonly InferenceSession _visionSession;

    private ClipEmbeddingModel(ClipModelFolder folder, InferenceSession textSession, InferenceSession visionSession,
        ClipTextEncoder text, ClipImageEncoder images)
    {
        Folder = folder;
        _textSession = textSession;
        _visionSession = visionSession;
        Text = text;
        Images = images;
    }

    /// <summary>The folder the model was loaded from.</summary>
    public ClipModelFolder Folder { get; }

    /// <inheritdoc />
    public string ModelId => Folder.ModelId;

    /// <inheritdoc />
    public int Dimension => Text.Dimension;

    /// <summary>The text tower.</summary>
    public ClipTextEncoder Text { get; }

    /// <summary>The vision tower.</summary>
    public ClipImageEncoder Images { get; }

    /// <inheritdoc />
    public ModelCard Card => Folder.Card;

    ITextEncoder IEmbeddingModel.Text => Text;

    IImageEncoder IEmbeddingModel.Images => Images;

    /// <summary>Loads the folder named by <see cref="ClipModelOptions.Path"/> (relative paths through <see cref="AppPaths.Resolve"/>).</summary>
    public static ClipEmbeddingModel Load(ClipModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Load(AppPaths.Resolve(options.Path), options);
    }

    /// <summary>Loads a model folder in the Hugging Face ONNX layout with the session settings of <paramref name="options"/>.</summary>
    public static ClipEmbeddingModel Load(string modelDir, ClipModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ClipModelException(string.Join(" ", problems));

        var folder = ClipModelFolder.Open(modelDir, options.Variant, options.ExecutionProvider);
        var (tokenizer, padding) = LoadTokenizer(folder);
        InferenceSession? textSession = null, visionSession = null;
        try
        {
            textSession = OnnxSessionFactory.Create(folder.TextModelPath, options);
            visionSession = OnnxSessionFactory.Create(folder.VisionModelPath, options);
            var text = new ClipTextEncoder(textSession, folder.TextModelPath, tokenizer, folder.ProjectionDim, options.BatchSize, padding);
            var images = new ClipImageEncoder(visionSession, folder.VisionModelPath, folder.Preprocess, folder.ProjectionDim, options.BatchSize);
            if (text.Dimension != images.Dimension)
                throw new ClipModelException($"'{folder.Directory}': the text tower gives {text.Dimension}-d embeddings but the vision tower {images.Dimension}-d.");
            return new ClipEmbeddingModel(folder, textSession, visionSession, text, images);
        }
        catch
        {
            textSession?.Dispose();
            visionSession?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _textSession.Dispose();
        _visionSession.Dispose();
    }

    /// <summary>
    /// The folder's tokenizer and, for the open_clip layout, its padding: texts always padded to the context with the
    /// pad token of tokenizer_config.json, as open_clip trained them.
    /// </summary>
    private static (ITextTokenizer, TextPadding?) LoadTokenizer(ClipModelFolder folder)
    {
        var tokenizer = LoadTokenizer(folder.TokenizerDirectory);
        if (folder.TextClean == OpenClipCanonicalText.CleanName)
            tokenizer = new CanonicalizingTextTokenizer(tokenizer);
        if (folder.Layout != ClipModelLayout.OpenClip)
            return (tokenizer, folder.ContextLength is { } context ? new TextPadding(tokenizer.PadId, context, false) : null);
        var file = Path.Combine(folder.TokenizerDirectory, "tokenizer.json");
        var padId = folder.PadToken is null ? tokenizer.PadId
            : TokenizerJsonSummary.Read(file, folder.PadToken).TokenId
              ?? throw new ClipModelException($"'{file}' has no token '{folder.PadToken}', the pad_token of tokenizer_config.json.");
        return (tokenizer, new TextPadding(padId, folder.ContextLength, AlwaysToContext: true));
    }

    private static ITextTokenizer LoadTokenizer(string dir)
    {
        try
        {
            return TextTokenizerLoader.Load(dir);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or FormatException)
        {
            throw new ClipModelException(
                $"Cannot load the tokenizer of '{dir}' (it needs tokenizer.json, a sentencepiece .model, or vocab.json + merges.txt): {e.Message} {ClipModelFolder.HowToGet(dir)}", e);
        }
    }
}
