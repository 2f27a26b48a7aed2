namespace SemanticSearch.Clip.Tokenization.SentencePiece;

/// <summary>
/// The parts of a sentencepiece ModelProto that encoding depends on: the pieces, the algorithm and the normalizer.
/// <see cref="ToProtobuf"/> serializes them with the field numbers of sentencepiece_model.proto.
/// </summary>
internal sealed record SentencePieceModelSpec(IReadOnlyList<SentencePieceEntry> Pieces, bool IsBpe)
{
    public bool ByteFallback { get; init; }

    public int UnknownId { get; init; }

    public int BeginId { get; init; } = -1;

    public int EndId { get; init; } = -1;

    public int PadId { get; init; } = -1;

    /// <summary>nmt_nfkc's (or another rule's) compiled table; empty for no normalisation.</summary>
    public byte[] PrecompiledCharsmap { get; init; } = [];

    public bool AddDummyPrefix { get; init; }

    public bool RemoveExtraWhitespaces { get; init; }

    public bool EscapeWhitespaces { get; init; } = true;

    public byte[] ToProtobuf()
    {
        var model = new ProtobufWriter();
        foreach (var entry in Pieces)
        {
            model.Message(1, piece =>
            {
                piece.String(1, entry.Piece);
                piece.Float(2, entry.Score);
                piece.Varint(3, (int)entry.Type);
            });
        }
        model.Message(2, trainer =>
        {
            trainer.Varint(3, IsBpe ? 2 : 1); // model_type: UNIGRAM = 1, BPE = 2
            trainer.Varint(4, Pieces.Count);
            trainer.Bool(35, ByteFallback);
            trainer.Varint(40, UnknownId);
            trainer.Varint(41, BeginId);
            trainer.Varint(42, EndId);
            trainer.Varint(43, PadId);
            trainer.String(45, Pieces[UnknownId].Piece);
        });
        model.Message(3, normalizer =>
        {
            normalizer.String(1, PrecompiledCharsmap.Length > 0 ? "nmt_nfkc" : "identity");
            if (PrecompiledCharsmap.Length > 0)
                normalizer.Bytes(2, PrecompiledCharsmap);
            normalizer.Bool(3, AddDummyPrefix);
            normalizer.Bool(4, RemoveExtraWhitespaces);
            normalizer.Bool(5, EscapeWhitespaces);
        });
        return model.ToArray();
    }
}
