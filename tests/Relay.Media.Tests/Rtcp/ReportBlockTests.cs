using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class ReportBlockTests
{
    internal static readonly byte[] Fixture =
    [
        0xAA, 0xBB, 0xCC, 0xDD, // SSRC_1 (source being reported)
        0x40,                   // fraction lost = 64/256 = 25 %
        0xFF, 0xFF, 0xFF,       // cumulative lost = −1 (signed 24-bit: a duplicate was received)
        0x00, 0x01, 0x00, 0x05, // extended highest sequence: 1 cycle, sequence 5
        0x00, 0x00, 0x00, 0x10, // interarrival jitter = 16 timestamp units
        0x3C, 0x10, 0x80, 0x00, // LSR: middle 32 bits of the SR's NTP timestamp
        0x00, 0x01, 0x80, 0x00, // DLSR = 1.5 s in 1/65536 s
    ];

    internal static readonly ReportBlock Expected = new(0xAABBCCDD, 0x40, -1, 0x0001_0005, 16, 0x3C10_8000, 0x0001_8000);

    [Fact]
    public void Parses_and_writes_the_fixture()
    {
        Assert.True(ReportBlock.TryParse(Fixture, out var block));
        Assert.Equal(Expected, block);

        var written = new byte[ReportBlock.Size];
        Assert.True(block.TryWriteTo(written, out var count));
        Assert.Equal(ReportBlock.Size, count);
        Assert.Equal(Fixture, written);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF }, 8_388_607)]
    [InlineData(new byte[] { 0x80, 0x00, 0x00 }, -8_388_608)]
    [InlineData(new byte[] { 0x00, 0x00, 0x2A }, 42)]
    public void Cumulative_lost_is_a_signed_24_bit_number(byte[] field, int expected)
    {
        var data = (byte[])Fixture.Clone();
        field.CopyTo(data, 5);
        Assert.True(ReportBlock.TryParse(data, out var block));
        Assert.Equal(expected, block.CumulativeLost);
    }

    [Theory]
    [InlineData(10_000_000, 0x7F, 0xFF, 0xFF)]
    [InlineData(-10_000_000, 0x80, 0x00, 0x00)]
    public void Writing_clamps_cumulative_lost_as_RFC_3550_A_3_does(int lost, byte b0, byte b1, byte b2)
    {
        var written = new byte[ReportBlock.Size];
        Assert.True((Expected with { CumulativeLost = lost }).TryWriteTo(written, out _));
        Assert.Equal(new[] { (byte)0x40, b0, b1, b2 }, written[4..8]);
    }

    [Fact]
    public void Short_input_and_short_destination_are_refused()
    {
        Assert.False(ReportBlock.TryParse(Fixture.AsSpan(0, ReportBlock.Size - 1), out _));
        Assert.False(Expected.TryWriteTo(new byte[ReportBlock.Size - 1], out var written));
        Assert.Equal(0, written);
    }
}
