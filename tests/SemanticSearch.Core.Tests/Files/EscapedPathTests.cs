using System.Text;
using SemanticSearch.Core.Files;

namespace SemanticSearch.Core.Tests.Files;

public sealed class EscapedPathTests
{
    [Fact]
    public void Bytes_that_are_not_UTF8_are_written_as_hex_escapes()
    {
        Assert.Equal(@"/photos/caf\xE9.jpg", EscapedPath.FromBytes([.. "/photos/caf"u8, 0xE9, .. ".jpg"u8]));
    }

    [Fact]
    public void Valid_UTF8_without_backslashes_is_left_as_it_is()
    {
        var path = "/photos/ünïcødé 名前.png";

        Assert.Equal(path, EscapedPath.FromBytes(Encoding.UTF8.GetBytes(path)));
        Assert.True(EscapedPath.IsPlain(path));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xE9, 0x62 })]             // a Latin-1 é
    [InlineData(new byte[] { 0x5C, 0x78, 0x45, 0x39 })]       // the four characters \xE9 as a real name
    [InlineData(new byte[] { 0x5C, 0x5C, 0xFF, 0x5C })]       // backslashes around a bad byte
    [InlineData(new byte[] { 0xC3, 0x28, 0xE2, 0x82 })]       // a broken and a truncated sequence
    [InlineData(new byte[] { 0xC3, 0xA9, 0x2F, 0xF0, 0x9F, 0x98, 0x80 })] // é / 😀, valid
    public void Escaping_round_trips_every_byte_sequence(byte[] bytes)
    {
        var escaped = EscapedPath.FromBytes(bytes);

        Assert.Equal(bytes, EscapedPath.ToBytes(escaped));
    }

    [Fact]
    public void A_literal_name_that_looks_like_an_escape_stays_distinct_from_the_byte()
    {
        var literal = EscapedPath.FromBytes(@"caf\xE9"u8);
        var latin1 = EscapedPath.FromBytes([.. "caf"u8, 0xE9]);

        Assert.NotEqual(literal, latin1);
        Assert.Equal(@"caf\\xE9", literal);
    }

    [Theory]
    [InlineData(@"a\b")]
    [InlineData(@"a\x4")]
    [InlineData(@"a\")]
    public void A_malformed_escape_is_a_format_error(string escaped)
    {
        Assert.Throws<FormatException>(() => EscapedPath.ToBytes(escaped));
    }
}
