namespace SemanticSearch.Imaging;

/// <summary>
/// The concatenated IDAT chunk data of a PNG, read in place from pinned bytes, so the zlib stream can be inflated
/// row by row without first copying the compressed data.
/// </summary>
internal sealed unsafe class PngIdatStream(byte* data, int length, int firstChunk) : Stream
{
    private int _chunk = firstChunk; // offset of the current chunk's length field
    private int _position;           // absolute offset of the next byte to read
    private int _left;               // bytes left in the current IDAT chunk

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_left == 0)
        {
            if (!NextIdat())
                return 0;
        }
        int n = Math.Min(_left, buffer.Length);
        new ReadOnlySpan<byte>(data + _position, n).CopyTo(buffer);
        _position += n;
        _left -= n;
        return n;
    }

    /// <summary>Moves to the next IDAT chunk; false at the end of the data or at the first chunk after the IDATs.</summary>
    private bool NextIdat()
    {
        if (_chunk < 0 || _chunk + 8 > length)
            return false;
        int size = ReadInt(_chunk);
        bool idat = data[_chunk + 4] == 'I' && data[_chunk + 5] == 'D' && data[_chunk + 6] == 'A' && data[_chunk + 7] == 'T';
        if (!idat || size < 0 || (long)_chunk + 12 + size > length)
        {
            _chunk = -1;
            return false;
        }
        _position = _chunk + 8;
        _left = size;
        _chunk += 12 + size;
        return true;
    }

    private int ReadInt(int at) => (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
