using Relay.Media.Recording;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Recording;

public class EbmlReaderTests
{
    [Theory]
    [InlineData("1A45DFA3 9F", MatroskaId.Ebml, 31UL, false, 5)]
    [InlineData("18538067 01FFFFFFFFFFFFFF", MatroskaId.Segment, 0x00FFFFFFFFFFFFFFUL, true, 12)]
    [InlineData("1F43B675 FF", MatroskaId.Cluster, 127UL, true, 5)]
    [InlineData("A3 407F", MatroskaId.SimpleBlock, 127UL, false, 3)]
    [InlineData("A3 7FFF", MatroskaId.SimpleBlock, 16_383UL, true, 3)]
    public void Headers_are_read_with_their_lengths(string hex, uint id, ulong size, bool unknown, int headerLength)
    {
        Assert.True(EbmlReader.TryReadHeader(Hex.Parse(hex), out var header));
        Assert.Equal(new EbmlElementHeader(id, size, unknown, headerLength), header);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00 81")] // no marker bit in the first octet
    [InlineData("08000000 81")] // a 5-octet ID: over EBMLMaxIDLength
    [InlineData("1A45DF")] // ID cut short
    [InlineData("A3")] // size missing
    [InlineData("A3 40")] // size cut short
    [InlineData("A3 00")] // size without marker
    public void Bad_or_short_headers_are_refused(string hex)
    {
        Assert.False(EbmlReader.TryReadHeader(Hex.Parse(hex), out _));
    }

    [Fact]
    public void Unsigned_and_float_values_read_back()
    {
        Assert.Equal(0x0F4240UL, EbmlReader.ReadUInt(Hex.Parse("0F4240")));
        Assert.Equal(0UL, EbmlReader.ReadUInt([]));
        Assert.Equal(48_000.0, EbmlReader.ReadFloat(Hex.Parse("473B8000")));
        Assert.Equal(0.0, EbmlReader.ReadFloat(Hex.Parse("0102")));
    }
}
