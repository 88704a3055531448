using Relay.Media.Rtp;

namespace Relay.Media.Tests.Rtp;

public sealed class TransportWideSequenceTests
{
    // V=2 X=1, PT 96, seq 1, ts 0, SSRC 0x01020304; one-byte extension block, 2 words:
    // abs-send-time (id 2, 3 bytes), transport-wide sequence (id 3, 2 bytes) = 0x1234, padding; payload AA.
    private static byte[] OneBytePacket() => Hex.Parse("""
        90 60 00 01  00 00 00 00  01 02 03 04
        BE DE 00 02  22 01 02 03  31 12 34 00
        AA
        """);

    [Fact]
    public void The_value_is_found_by_its_negotiated_id_and_read()
    {
        var packet = OneBytePacket();
        var offset = TransportWideSequence.FindOffset(packet, 3);

        Assert.Equal(21, offset);
        Assert.Equal(0x1234, TransportWideSequence.Read(packet, offset));
        Assert.Equal(-1, TransportWideSequence.FindOffset(packet, 5));
        Assert.Equal(-1, TransportWideSequence.FindOffset(packet, null));
        // abs-send-time has three bytes, not two: never taken for a sequence number.
        Assert.Equal(-1, TransportWideSequence.FindOffset(packet, 2));
    }

    [Fact]
    public void Rewriting_changes_the_value_and_only_a_differing_id()
    {
        var packet = OneBytePacket();
        TransportWideSequence.Rewrite(packet, 21, 0xBEEF, 3);
        Assert.Equal(Hex.Parse("90 60 00 01 00 00 00 00 01 02 03 04 BE DE 00 02 22 01 02 03 31 BE EF 00 AA"), packet);

        TransportWideSequence.Rewrite(packet, 21, 0x0001, 5);
        Assert.Equal(Hex.Parse("90 60 00 01 00 00 00 00 01 02 03 04 BE DE 00 02 22 01 02 03 51 00 01 00 AA"), packet);
        Assert.Equal(21, TransportWideSequence.FindOffset(packet, 5));
    }

    [Fact]
    public void The_two_byte_form_is_read_and_rewritten_too()
    {
        // Two-byte profile 0x1000: id 200, length 2, value 0x0102, then padding to a word.
        var packet = Hex.Parse("90 60 00 01 00 00 00 00 01 02 03 04 10 00 00 01 C8 02 01 02 AA");
        var offset = TransportWideSequence.FindOffset(packet, 200);
        Assert.Equal(18, offset);

        TransportWideSequence.Rewrite(packet, offset, 7, 201);

        Assert.Equal(Hex.Parse("90 60 00 01 00 00 00 00 01 02 03 04 10 00 00 01 C9 02 00 07 AA"), packet);
    }
}
