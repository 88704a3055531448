using Relay.Media.Recording;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Recording;

public class EbmlWriterTests
{
    [Theory]
    [InlineData(0UL, "80")]
    [InlineData(1UL, "81")]
    [InlineData(126UL, "FE")] // the largest 1-octet size: 127 (all ones) means unknown
    [InlineData(127UL, "407F")]
    [InlineData(16_382UL, "7FFE")]
    [InlineData(16_383UL, "203FFF")]
    [InlineData(2_097_150UL, "3FFFFE")]
    [InlineData(2_097_151UL, "101FFFFF")]
    [InlineData(EbmlWriter.MaxSize, "01FFFFFFFFFFFFFE")]
    public void Sizes_are_written_in_the_shortest_vint(ulong size, string hex)
    {
        var buffer = new byte[8];
        var writer = new EbmlWriter(buffer);
        writer.WriteSize(size);
        Assert.Equal(Hex.Parse(hex), writer.Written.ToArray());
        Assert.True(EbmlReader.TryReadSize(buffer, out var read, out var unknown, out var length));
        Assert.Equal(size, read);
        Assert.False(unknown);
        Assert.Equal(hex.Length / 2, length);
    }

    [Fact]
    public void Unknown_size_is_eight_octets_of_value_ones()
    {
        var buffer = new byte[8];
        var writer = new EbmlWriter(buffer);
        writer.WriteUnknownSize();
        Assert.Equal(Hex.Parse("01FFFFFFFFFFFFFF"), buffer);
        Assert.True(EbmlReader.TryReadSize(buffer, out _, out var unknown, out var length));
        Assert.True(unknown);
        Assert.Equal(8, length);
    }

    [Theory]
    [InlineData(5UL, 8, "0100000000000005")]
    [InlineData(5UL, 4, "10000005")]
    [InlineData(5UL, 1, "85")]
    public void A_fixed_width_size_can_be_patched_in_place(ulong size, int width, string hex)
    {
        var buffer = new byte[width];
        EbmlWriter.WriteFixedSize(buffer, size, width);
        Assert.Equal(Hex.Parse(hex), buffer);
    }

    [Fact]
    public void A_size_too_large_for_its_width_is_refused()
    {
        var buffer = new byte[1];
        Assert.Throws<ArgumentOutOfRangeException>(() => EbmlWriter.WriteFixedSize(buffer, 127, 1));
    }

    [Theory]
    [InlineData(MatroskaId.Void, "EC")]
    [InlineData(MatroskaId.Duration, "4489")]
    [InlineData(MatroskaId.TimecodeScale, "2AD7B1")]
    [InlineData(MatroskaId.Segment, "18538067")]
    public void Ids_keep_their_marker_bits(uint id, string hex)
    {
        var buffer = new byte[4];
        var writer = new EbmlWriter(buffer);
        writer.WriteId(id);
        Assert.Equal(Hex.Parse(hex), writer.Written.ToArray());
        Assert.True(EbmlReader.TryReadId(buffer, out var read, out var length));
        Assert.Equal(id, read);
        Assert.Equal(hex.Length / 2, length);
    }

    [Theory]
    [InlineData(MatroskaId.EbmlVersion, 1UL, "4286 81 01")]
    [InlineData(MatroskaId.TrackNumber, 0UL, "D7 81 00")]
    [InlineData(MatroskaId.TimecodeScale, 1_000_000UL, "2AD7B1 83 0F4240")]
    [InlineData(MatroskaId.Timecode, 0x1_0000UL, "E7 83 010000")]
    public void Unsigned_integers_use_the_fewest_octets(uint id, ulong value, string hex)
    {
        var buffer = new byte[16];
        var writer = new EbmlWriter(buffer);
        writer.WriteUInt(id, value);
        Assert.Equal(Hex.Parse(hex), writer.Written.ToArray());
    }

    [Fact]
    public void An_unsigned_integer_can_be_given_a_fixed_width()
    {
        var buffer = new byte[16];
        var writer = new EbmlWriter(buffer);
        writer.WriteUInt(MatroskaId.PixelWidth, 320, 2);
        writer.WriteUInt(MatroskaId.PixelHeight, 0, 2);
        Assert.Equal(Hex.Parse("B0 82 0140  BA 82 0000"), writer.Written.ToArray());
    }

    [Theory]
    [InlineData(48_000.0, "B5 88 40E7700000000000")]
    [InlineData(1.0, "B5 88 3FF0000000000000")]
    [InlineData(-2.5, "B5 88 C004000000000000")]
    public void Floats_are_eight_octet_big_endian_doubles(double value, string hex)
    {
        var buffer = new byte[16];
        var writer = new EbmlWriter(buffer);
        writer.WriteFloat(MatroskaId.SamplingFrequency, value);
        Assert.Equal(Hex.Parse(hex), writer.Written.ToArray());
        Assert.Equal(value, EbmlReader.ReadFloat(buffer.AsSpan(2, 8)));
    }

    [Fact]
    public void Strings_are_written_without_terminator()
    {
        var buffer = new byte[16];
        var writer = new EbmlWriter(buffer);
        writer.WriteString(MatroskaId.DocType, "webm");
        Assert.Equal(Hex.Parse("4282 84 7765626D"), writer.Written.ToArray());
    }

    [Fact]
    public void Binary_is_written_as_is()
    {
        var buffer = new byte[16];
        var writer = new EbmlWriter(buffer);
        writer.WriteBinary(MatroskaId.SeekId, Hex.Parse("1549A966"));
        Assert.Equal(Hex.Parse("53AB 84 1549A966"), writer.Written.ToArray());
    }

    [Theory]
    [InlineData(2, "EC 80")]
    [InlineData(3, "EC 81 00")]
    [InlineData(11, "EC 89 000000000000000000")]
    public void Void_fills_exactly_the_octets_asked(int length, string hex)
    {
        var buffer = new byte[length];
        buffer.AsSpan().Fill(0xAA);
        var writer = new EbmlWriter(buffer);
        writer.WriteVoid(length);
        Assert.Equal(Hex.Parse(hex), buffer);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(130)]
    [InlineData(1000)]
    [InlineData(20_000)]
    public void Larger_voids_still_add_up(int length)
    {
        var buffer = new byte[length];
        EbmlWriter.WriteVoid(buffer, length);
        Assert.True(EbmlReader.TryReadHeader(buffer, out var header));
        Assert.Equal(MatroskaId.Void, header.Id);
        Assert.Equal(length, header.HeaderLength + (int)header.Size);
    }

    [Fact]
    public void A_master_element_gets_its_size_when_it_ends()
    {
        var buffer = new byte[32];
        var writer = new EbmlWriter(buffer);
        var video = writer.StartMaster(MatroskaId.Video);
        writer.WriteUInt(MatroskaId.PixelWidth, 320);
        writer.EndMaster(video);
        // E0, a 4-octet size of 4, then B0 82 01 40.
        Assert.Equal(Hex.Parse("E0 10000004 B0 82 0140"), writer.Written.ToArray());
    }
}
