using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class RembPacketTests
{
    internal static readonly byte[] Fixture =
    [
        0x8F, 0xCE, 0x00, 0x06, // V=2, P=0, FMT=15 (application layer) | PT=206 (PSFB) | length=6 → 28 bytes
        0x11, 0x22, 0x33, 0x44, // SSRC of packet sender
        0x00, 0x00, 0x00, 0x00, // SSRC of media source: unused, 0
        0x52, 0x45, 0x4D, 0x42, // 'R' 'E' 'M' 'B'
        0x02, 0x0B, 0xD0, 0x90, // Num SSRC=2 | BR Exp=2 (6 bits) | BR Mantissa=250000 (18 bits) → 1 Mbit/s
        0x55, 0x66, 0x77, 0x88, // SSRC feedback 1
        0x99, 0xAA, 0xBB, 0xCC, // SSRC feedback 2
    ];

    [Fact]
    public void Parses_and_writes_the_fixture()
    {
        Assert.True(RembPacket.TryParse(Fixture, out var remb));
        Assert.Equal(0x11223344u, remb.SenderSsrc);
        Assert.Equal(2, remb.BitrateExponent);
        Assert.Equal(250_000u, remb.BitrateMantissa);
        Assert.Equal(1_000_000ul, remb.Bitrate);
        Assert.Equal(2, remb.SsrcCount);
        Assert.Equal(0x55667788u, remb.GetSsrc(0));
        Assert.Equal(0x99AABBCCu, remb.GetSsrc(1));

        uint[] ssrcs = [0x55667788, 0x99AABBCC];
        Assert.Equal(Fixture, RtcpWriterAssert.Write(new RembWriter(0x11223344, 1_000_000, ssrcs)));
    }

    [Theory]
    [InlineData(0ul, 0, 0u)]
    [InlineData(1ul, 0, 1u)]
    [InlineData(0x3FFFFul, 0, 0x3FFFFu)]             // largest mantissa, no exponent needed
    [InlineData(0x40000ul, 1, 0x20000u)]             // one past: first exponent step
    [InlineData(0x40001ul, 1, 0x20000u)]             // odd: the lost low bit rounds down
    [InlineData(1_000_000ul, 2, 250_000u)]
    [InlineData(2_500_000_000ul, 14, 152_587u)]      // 2.5 Gbit/s
    [InlineData(ulong.MaxValue, 46, 0x3FFFFu)]       // 64 bits = 18 + 46
    public void Encodes_the_smallest_exponent_whose_mantissa_fits_18_bits(ulong bitrate, int exponent, uint mantissa)
    {
        Assert.Equal((exponent, mantissa), RembWriter.Encode(bitrate));

        var bytes = RtcpWriterAssert.Write(new RembWriter(1, bitrate, []));
        Assert.True(RembPacket.TryParse(bytes, out var remb));
        Assert.Equal(exponent, remb.BitrateExponent);
        Assert.Equal(mantissa, remb.BitrateMantissa);
        Assert.Equal((ulong)mantissa << exponent, remb.Bitrate);
    }

    [Fact]
    public void Exponents_past_64_bits_saturate()
    {
        var data = (byte[])Fixture.Clone();
        data[17] = 0xFF; // exponent 63, mantissa high bits set
        data[18] = 0xFF;
        data[19] = 0xFF;
        Assert.True(RembPacket.TryParse(data, out var remb));
        Assert.Equal(63, remb.BitrateExponent);
        Assert.Equal(ulong.MaxValue, remb.Bitrate);
    }

    [Fact]
    public void Zero_mantissa_with_a_large_exponent_is_zero()
    {
        var data = (byte[])Fixture.Clone();
        data[17] = 0xFC; // exponent 63, mantissa 0
        data[18] = 0x00;
        data[19] = 0x00;
        Assert.True(RembPacket.TryParse(data, out var remb));
        Assert.Equal(0ul, remb.Bitrate);
    }

    [Fact]
    public void Wrong_identifier_or_too_many_SSRCs_is_rejected()
    {
        var wrong = (byte[])Fixture.Clone();
        wrong[15] = (byte)'X';
        Assert.False(RembPacket.TryParse(wrong, out _));

        var count = (byte[])Fixture.Clone();
        count[16] = 3; // three SSRCs announced, two present
        Assert.False(RembPacket.TryParse(count, out _));
    }
}
