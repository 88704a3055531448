using Relay.Media.Recording;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Recording;

public class Vp8PayloadDescriptorTests
{
    [Fact]
    public void The_one_octet_descriptor_starts_a_frame()
    {
        // X=0 R=0 N=0 S=1 R=0 PID=0, then VP8 data.
        Assert.True(Vp8PayloadDescriptor.TryParse(Hex.Parse("10 AABB"), out var descriptor));
        Assert.Equal(1, descriptor.Length);
        Assert.True(descriptor.IsStartOfFrame);
        Assert.False(descriptor.HasPictureId);
        Assert.Equal(-1, descriptor.PictureId);
        Assert.Equal(Hex.Parse("AABB"), descriptor.Payload.ToArray());
    }

    [Fact]
    public void A_seven_bit_picture_id()
    {
        // X=1 S=1; I=1; M=0 PictureID=0x45.
        Assert.True(Vp8PayloadDescriptor.TryParse(Hex.Parse("90 80 45 AA"), out var descriptor));
        Assert.Equal(3, descriptor.Length);
        Assert.True(descriptor.HasPictureId);
        Assert.Equal(0x45, descriptor.PictureId);
        Assert.Equal(Hex.Parse("AA"), descriptor.Payload.ToArray());
    }

    [Fact]
    public void A_fifteen_bit_picture_id()
    {
        // X=1 S=1; I=1; M=1 PictureID=0x1234 (high 7 bits in the first octet).
        Assert.True(Vp8PayloadDescriptor.TryParse(Hex.Parse("90 80 9234 AA"), out var descriptor));
        Assert.Equal(4, descriptor.Length);
        Assert.Equal(0x1234, descriptor.PictureId);
    }

    [Fact]
    public void Every_optional_field()
    {
        // X=1 N=1 S=0 PID=3; I L T K; PictureID 15-bit 0x7FFF; TL0PICIDX 0x11; TID=2 Y=1 KEYIDX=5.
        Assert.True(Vp8PayloadDescriptor.TryParse(Hex.Parse("A3 F0 FFFF 11 65 CC"), out var descriptor));
        Assert.Equal(6, descriptor.Length);
        Assert.True(descriptor.IsNonReference);
        Assert.False(descriptor.IsStartOfPartition);
        Assert.Equal(3, descriptor.PartitionIndex);
        Assert.True(descriptor.HasTl0PicIdx);
        Assert.True(descriptor.HasTid);
        Assert.True(descriptor.HasKeyIdx);
        Assert.Equal(0x7FFF, descriptor.PictureId);
        Assert.Equal(Hex.Parse("CC"), descriptor.Payload.ToArray());
    }

    [Fact]
    public void Key_index_alone_takes_the_tid_octet()
    {
        // X=1 S=1; K=1 only: one T/K octet follows.
        Assert.True(Vp8PayloadDescriptor.TryParse(Hex.Parse("90 10 05 AA"), out var descriptor));
        Assert.Equal(3, descriptor.Length);
        Assert.False(descriptor.HasTid);
        Assert.True(descriptor.HasKeyIdx);
    }

    [Fact]
    public void A_start_of_a_later_partition_does_not_start_a_frame()
    {
        Assert.True(Vp8PayloadDescriptor.TryParse(Hex.Parse("11 AA"), out var descriptor));
        Assert.True(descriptor.IsStartOfPartition);
        Assert.Equal(1, descriptor.PartitionIndex);
        Assert.False(descriptor.IsStartOfFrame);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")] // no VP8 data
    [InlineData("90")] // X without its octet
    [InlineData("90 80")] // I without PictureID
    [InlineData("90 80 92")] // 15-bit PictureID cut short
    [InlineData("90 F0 9234 11")] // T/K octet missing, nothing after
    public void Short_descriptors_are_refused(string hex)
    {
        Assert.False(Vp8PayloadDescriptor.TryParse(Hex.Parse(hex), out _));
    }
}
