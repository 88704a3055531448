using Relay.Media.Rtp;

namespace Relay.Media.Tests.Rtp;

public class RtpHeaderExtensionEnumeratorTests
{
    // Chromium's usual trio (RFC 8285 one-byte form): mid, abs-send-time, transport-cc.
    private static readonly byte[] OneByte = Hex.Parse(
        "90 6F 0001 00000000 11223344" + // V=2 X=1, PT=111, seq 1, ts 0, SSRC
        "BEDE 0003" +                    // one-byte profile, 3 words
        "30 61" +                        // id 3, L=0: mid "a"
        "22 123456" +                    // id 2, L=2: abs-send-time 0x123456
        "41 0102" +                      // id 4, L=1: transport-cc sequence 0x0102
        "00 00 00" +                     // padding to the word boundary
        "CAFE");                         // payload

    // RFC 8285 §4.3 two-byte form, app bits 0x5: an empty element and a 17-octet one.
    private static readonly byte[] TwoByte = Hex.Parse(
        "90 60 0002 00000000 11223344" +
        "1005 0006" +                    // two-byte profile 0x100 + appbits 5, 6 words
        "07 00" +                        // id 7, length 0
        "00" +                           // padding between elements
        "FF 11 000102030405060708090A0B0C0D0E0F10" + // id 255, 17 octets
        "00 00");                        // padding to the word boundary

    [Fact]
    public void One_byte_elements_are_enumerated_in_order()
    {
        Assert.True(RtpPacket.TryParse(OneByte, out var packet));
        var ids = new List<int>();
        var data = new List<byte[]>();
        foreach (var element in packet.GetHeaderExtensions())
        {
            ids.Add(element.Id);
            data.Add(element.Data.ToArray());
        }

        Assert.Equal([3, 2, 4], ids);
        Assert.Equal(Hex.Parse("61"), data[0]);
        Assert.Equal(Hex.Parse("123456"), data[1]);
        Assert.Equal(Hex.Parse("0102"), data[2]);
        Assert.Equal(Hex.Parse("CAFE"), packet.Payload.ToArray());
    }

    [Fact]
    public void One_byte_element_is_found_by_id()
    {
        Assert.True(RtpPacket.TryParse(OneByte, out var packet));
        Assert.True(packet.TryGetHeaderExtension(2, out var absSendTime));
        Assert.Equal(Hex.Parse("123456"), absSendTime.ToArray());
        Assert.False(packet.TryGetHeaderExtension(5, out _));
    }

    [Fact]
    public void Two_byte_elements_allow_empty_data_and_large_ids()
    {
        Assert.True(RtpPacket.TryParse(TwoByte, out var packet));
        Assert.True(packet.TryGetHeaderExtension(7, out var empty));
        Assert.True(empty.IsEmpty);
        Assert.True(packet.TryGetHeaderExtension(255, out var large));
        Assert.Equal(17, large.Length);
        Assert.Equal(0x10, large[16]);
    }

    [Fact]
    public void Id_15_stops_one_byte_parsing()
    {
        var bytes = Hex.Parse("90 00 0001 00000000 00000001 BEDE 0002 10AA F0 2001 00 000000");
        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        var count = 0;
        foreach (var element in packet.GetHeaderExtensions())
        {
            Assert.Equal(1, element.Id);
            count++;
        }

        Assert.Equal(1, count);
    }

    [Fact]
    public void An_element_running_past_the_block_ends_enumeration()
    {
        // id 1, L=15 → 16 octets announced, only 3 in the block.
        var bytes = Hex.Parse("90 00 0001 00000000 00000001 BEDE 0001 1F 010203");
        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.False(packet.TryGetHeaderExtension(1, out _));
    }

    [Fact]
    public void Other_profiles_expose_raw_data_but_no_elements()
    {
        var bytes = Hex.Parse("90 00 0001 00000000 00000001 ABCD 0001 10AA0000");
        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.Equal(0xABCD, packet.ExtensionProfile);
        Assert.Equal(4, packet.ExtensionData.Length);
        Assert.False(packet.TryGetHeaderExtension(1, out _));
    }
}
