using Relay.Media.Recording;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Recording;

public class Vp8FrameHeaderTests
{
    [Fact]
    public void A_key_frame_gives_its_size()
    {
        // Frame tag (P=0: key frame), start code 9d 01 2a, width 320 and height 240 little-endian
        // with the scaling bits set in the top two bits (they are not part of the size).
        var frame = Hex.Parse("50 42 00 9D012A 4041 F0C0 00");
        Assert.True(Vp8FrameHeader.IsKeyFrame(frame));
        Assert.True(Vp8FrameHeader.TryReadKeyFrameSize(frame, out var width, out var height));
        Assert.Equal(320, width);
        Assert.Equal(240, height);
    }

    [Fact]
    public void An_inter_frame_has_the_p_bit_set()
    {
        var frame = Hex.Parse("51 42 00 9D012A 4001 F000");
        Assert.False(Vp8FrameHeader.IsKeyFrame(frame));
        Assert.False(Vp8FrameHeader.TryReadKeyFrameSize(frame, out _, out _));
    }

    [Theory]
    [InlineData("50 42 00 9D012B 4001 F000")] // wrong start code
    [InlineData("50 42 00 9D012A 40")] // cut short
    [InlineData("50 42 00 9D012A 0000 F000")] // zero width
    public void A_bad_key_frame_header_gives_no_size(string hex)
    {
        Assert.False(Vp8FrameHeader.TryReadKeyFrameSize(Hex.Parse(hex), out _, out _));
    }
}
