namespace SemanticSearch.Clip.Tokenization.SentencePiece;

/// <summary>Reads the two things of a serialized ModelProto that Microsoft.ML.Tokenizers does not expose.</summary>
internal static class SentencePieceModelProto
{
    /// <summary>True for a unigram model (the proto's default), false for BPE and the others.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a protobuf message.</exception>
    public static bool IsUnigram(ReadOnlySpan<byte> model)
    {
        var trainer = Field(model, 2);
        return trainer.IsEmpty || Varint(Field(trainer, 3)) is 0 or 1;
    }

    /// <summary><c>normalizer_spec.precompiled_charsmap</c>; empty when the model does not normalise.</summary>
    public static byte[] PrecompiledCharsmap(ReadOnlySpan<byte> model) => Field(Field(model, 3), 2).ToArray();

    /// <summary>The last occurrence of field <paramref name="number"/> (a varint's bytes, or a length-delimited payload).</summary>
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> message, int number)
    {
        ReadOnlySpan<byte> found = [];
        var pos = 0;
        while (pos < message.Length)
        {
            var key = ReadVarint(message, ref pos);
            var start = pos;
            switch ((int)(key & 7))
            {
                case 0: ReadVarint(message, ref pos); break;
                case 1: pos += 8; break;
                case 2: var length = (int)ReadVarint(message, ref pos); start = pos; pos += length; break;
                case 5: pos += 4; break;
                default: throw new InvalidDataException("Not a sentencepiece model: unknown protobuf wire type.");
            }
            if (pos > message.Length || pos < start)
                throw new InvalidDataException("Not a sentencepiece model: a protobuf field runs past the end.");
            if ((int)(key >> 3) == number)
                found = message[start..pos];
        }
        return found;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes)
    {
        var pos = 0;
        return bytes.IsEmpty ? 0 : ReadVarint(bytes, ref pos);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int pos)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= bytes.Length)
                throw new InvalidDataException("Not a sentencepiece model: a protobuf varint is cut off.");
            var b = bytes[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
        throw new InvalidDataException("Not a sentencepiece model: a protobuf varint is too long.");
    }
}
