using System.Text;
using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class SdesPacketTests
{
    /// <summary>One chunk with a 16-character CNAME, the shape Chromium sends.</summary>
    internal static readonly byte[] Fixture =
    [
        0x81, 0xCA, 0x00, 0x06, // V=2, P=0, SC=1 | PT=202 (SDES) | length=6 → 28 bytes
        0x0A, 0x0B, 0x0C, 0x0D, // chunk 1: SSRC
        0x01, 0x10,             //   item: CNAME, length 16
        .. "Lh3fW5v0W/mCaDWJ"u8, //   text
        0x00,                   //   null item ends the list
        0x00,                   //   null padding to the 32-bit boundary
    ];

    [Fact]
    public void Parses_and_writes_the_fixture()
    {
        Assert.True(SdesPacket.TryParse(Fixture, out var sdes));
        Assert.Equal(1, sdes.ChunkCount);
        var chunks = 0;
        foreach (var chunk in sdes)
        {
            chunks++;
            Assert.Equal(0x0A0B0C0Du, chunk.Ssrc);
            Assert.True(chunk.TryGetCanonicalName(out var cname));
            Assert.Equal("Lh3fW5v0W/mCaDWJ", Encoding.UTF8.GetString(cname));
        }

        Assert.Equal(1, chunks);

        SdesCname[] entries = [new(0x0A0B0C0D, "Lh3fW5v0W/mCaDWJ")];
        Assert.Equal(Fixture, RtcpWriterAssert.Write(new SdesWriter(entries)));
    }

    [Fact]
    public void Parses_every_item_type_and_empty_chunks()
    {
        byte[] data =
        [
            0x82, 0xCA, 0x00, 0x06, // V=2, SC=2 | PT=202 | length=6 → 28 bytes
            0x00, 0x00, 0x00, 0x01, // chunk 1: SSRC 1
            0x01, 0x02, 0x61, 0x62, //   CNAME "ab"
            0x06, 0x01, 0x78,       //   TOOL "x"
            0x07, 0x00,             //   NOTE "" (empty text is allowed)
            0x08, 0x02, 0x01, 0x70, //   PRIV: prefix length 1, prefix "p"
            0x00,                   //   end of items (item bytes 13 + 1 = 14 → pad to 16)
            0x00, 0x00,             //   padding
            0x00, 0x00, 0x00, 0x02, // chunk 2: SSRC 2
        ];

        // Chunk 2 has no items but still needs its terminating null word: append it.
        data = [.. data, 0x00, 0x00, 0x00, 0x00];
        data[3] = 0x07; // 32 bytes

        Assert.True(SdesPacket.TryParse(data, out var sdes));
        var seen = new List<(uint, SdesItemType, string)>();
        foreach (var chunk in sdes)
        {
            foreach (var item in chunk)
            {
                seen.Add((chunk.Ssrc, item.Type, Encoding.UTF8.GetString(item.Text)));
            }

            if (chunk.Ssrc == 2)
            {
                Assert.False(chunk.TryGetCanonicalName(out _));
            }
        }

        Assert.Equal(
            [
                (1u, SdesItemType.CanonicalName, "ab"),
                (1u, SdesItemType.Tool, "x"),
                (1u, SdesItemType.Note, ""),
                (1u, SdesItemType.Private, "\u0001p"),
            ],
            seen);
    }

    [Theory]
    [InlineData("a", 12)]      // header 4 + SSRC 4 + (item 2 + 1 + null 1 = 4)
    [InlineData("ab", 16)]     // 2 + 2 + 1 = 5 → 8
    [InlineData("abcde", 16)]  // 2 + 5 + 1 = 8, on a boundary: one null octet suffices
    [InlineData("abcdef", 20)] // 2 + 6 + 1 = 9 → 12
    public void Chunks_always_end_with_a_null_octet_on_a_word_boundary(string cname, int size)
    {
        SdesCname[] entries = [new(9, cname)];
        var bytes = RtcpWriterAssert.Write(new SdesWriter(entries));
        Assert.Equal(size, bytes.Length);
        Assert.Equal(0, bytes[^1]);
        Assert.True(SdesPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void Missing_terminator_is_rejected()
    {
        byte[] data =
        [
            0x81, 0xCA, 0x00, 0x02, // SC=1, 12 bytes
            0x00, 0x00, 0x00, 0x01, // SSRC
            0x01, 0x02, 0x61, 0x62, // CNAME "ab" fills the chunk: no room for the null item
        ];
        Assert.False(SdesPacket.TryParse(data, out _));
    }

    [Fact]
    public void Item_overrunning_the_packet_is_rejected()
    {
        var data = (byte[])Fixture.Clone();
        data[9] = 0x30; // CNAME length 48 > what is left
        Assert.False(SdesPacket.TryParse(data, out _));
    }

    [Fact]
    public void Source_count_beyond_the_chunks_present_is_rejected()
    {
        var data = (byte[])Fixture.Clone();
        data[0] = 0x82; // SC=2, one chunk present
        Assert.False(SdesPacket.TryParse(data, out _));
    }

    [Fact]
    public void A_CNAME_longer_than_255_bytes_cannot_be_written()
    {
        SdesCname[] entries = [new(1, new string('x', 256))];
        Assert.Throws<ArgumentOutOfRangeException>(() => new SdesWriter(entries));
    }
}
