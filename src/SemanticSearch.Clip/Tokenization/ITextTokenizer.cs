namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// What a text tower needs from its tokenizer: ids with the model's special tokens, its padding and context. CLIP's
/// byte-level BPE (<see cref="ClipTokenizer"/>) and SentencePiece models (<see cref="SentencePieceTextTokenizer"/>)
/// implement it; <see cref="TextTokenizerLoader"/> picks one from the files of a model folder. Implementations are
/// immutable and thread-safe.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Context the model family was trained with, used when the ONNX graph does not fix one.</summary>
    int ContextLength { get; }

    /// <summary>Id that fills a sequence after its last token.</summary>
    int PadId { get; }

    /// <summary>
    /// True when every sequence must be padded to the whole context (SigLIP pools a fixed position and takes no mask);
    /// false when padding a batch to its longest sequence gives the same embeddings.
    /// </summary>
    bool PadsToContextLength { get; }

    /// <summary>True when the text must be preceded by a FLORES-200 language token (NLLB's <c>eng_Latn</c>, ...).</summary>
    bool NeedsLanguage { get; }

    /// <summary>Ids of <paramref name="text"/> without any special token the model adds around it.</summary>
    IReadOnlyList<int> Encode(string text);

    /// <summary>
    /// The model input for <paramref name="text"/>: special tokens added, not padded, at most
    /// <paramref name="contextLength"/> ids with the closing special token kept last when the text is cut.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <param name="contextLength">Most ids to return.</param>
    /// <param name="floresLanguage">FLORES-200 code (<c>deu_Latn</c>) for tokenizers that <see cref="NeedsLanguage"/>;
    /// ignored by the others. Null means English.</param>
    int[] EncodeForModel(string text, int contextLength, string? floresLanguage = null);
}
