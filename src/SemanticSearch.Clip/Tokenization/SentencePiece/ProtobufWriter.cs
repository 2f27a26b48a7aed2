using System.Buffers.Binary;
using System.Text;

namespace SemanticSearch.Clip.Tokenization.SentencePiece;

/// <summary>
/// The few protobuf encodings sentencepiece_model.proto needs (varint, float, length-delimited). Microsoft.ML.Tokenizers
/// builds its SentencePiece tokenizer only from a serialized ModelProto, so a tokenizer.json is turned into one.
/// </summary>
internal sealed class ProtobufWriter
{
    private readonly MemoryStream _buffer = new();

    public void Varint(int field, long value)
    {
        Tag(field, 0);
        RawVarint(unchecked((ulong)value)); // negative int32 values take ten bytes, as protobuf writes them
    }

    public void Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public void Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        RawVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Message(int field, Action<ProtobufWriter> write)
    {
        var inner = new ProtobufWriter();
        write(inner);
        Bytes(field, inner.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
