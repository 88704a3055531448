using Relay.Media.Rtp;

namespace Relay.Media.Tests.Rtp;

public class RtpPacketTests
{
    // V=2 P=1 X=1 CC=2, M=1 PT=111, two CSRCs, a one-byte-header extension, 3 payload octets,
    // 4 padding octets.
    private static readonly byte[] Fixture = Hex.Parse(
        "B2" +           // V=2, P=1, X=1, CC=2
        "EF" +           // M=1, PT=111 (opus in Chromium's offer)
        "1234" +         // sequence number 0x1234
        "DEADBEEF" +     // timestamp
        "CAFEBABE" +     // SSRC
        "00000001" +     // CSRC 1
        "00000002" +     // CSRC 2
        "BEDE0002" +     // extension profile 0xBEDE (RFC 8285 one-byte), 2 words follow
        "10AB" +         // id 1, L=0 → 1 octet: AB
        "32010203" +     // id 3, L=2 → 3 octets: 01 02 03
        "00" +           // padding octet between elements
        "00" +           // padding to the 32-bit boundary
        "AABBCC" +       // payload
        "00000004");     // RTP padding: 3 zero octets, then the count 4

    [Fact]
    public void Parses_every_field_of_the_fixture()
    {
        Assert.True(RtpPacket.TryParse(Fixture, out var packet));

        Assert.True(packet.HasPadding);
        Assert.True(packet.HasExtension);
        Assert.Equal(2, packet.CsrcCount);
        Assert.True(packet.Marker);
        Assert.Equal(111, packet.PayloadType);
        Assert.Equal(0x1234, packet.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, packet.Timestamp);
        Assert.Equal(0xCAFEBABEu, packet.Ssrc);
        Assert.Equal(1u, packet.GetCsrc(0));
        Assert.Equal(2u, packet.GetCsrc(1));
        Assert.Equal(0xBEDE, packet.ExtensionProfile);
        Assert.Equal(8, packet.ExtensionData.Length);
        Assert.Equal(32, packet.HeaderLength);
        Assert.Equal(32, packet.PayloadOffset);
        Assert.Equal(3, packet.PayloadLength);
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC }, packet.Payload.ToArray());
        Assert.Equal(4, packet.PaddingLength);
    }

    [Fact]
    public void Writing_the_parsed_fields_gives_back_the_same_bytes()
    {
        Assert.True(RtpPacket.TryParse(Fixture, out var packet));
        uint[] csrcs = [packet.GetCsrc(0), packet.GetCsrc(1)];
        var writer = new RtpPacketWriter
        {
            Marker = packet.Marker,
            PayloadType = packet.PayloadType,
            SequenceNumber = packet.SequenceNumber,
            Timestamp = packet.Timestamp,
            Ssrc = packet.Ssrc,
            Csrcs = csrcs,
            HasExtension = true,
            ExtensionProfile = packet.ExtensionProfile,
            ExtensionData = packet.ExtensionData,
            Payload = packet.Payload,
            PaddingLength = (byte)packet.PaddingLength,
        };

        var buffer = new byte[writer.GetSize()];
        Assert.True(writer.TryWriteTo(buffer, out var written));

        Assert.Equal(Fixture.Length, written);
        Assert.Equal(Fixture, buffer);
    }

    [Fact]
    public void Writer_refuses_a_small_destination_and_unencodable_fields()
    {
        var payload = new byte[10];
        var writer = new RtpPacketWriter { PayloadType = 96, Payload = payload };
        Assert.Equal(22, writer.GetSize());
        Assert.False(writer.TryWriteTo(new byte[21], out var written));
        Assert.Equal(0, written);

        Assert.False(new RtpPacketWriter { PayloadType = 128 }.TryWriteTo(new byte[64], out _));
        Assert.False(new RtpPacketWriter { HasExtension = true, ExtensionData = new byte[3] }.TryWriteTo(new byte[64], out _));
        Assert.False(new RtpPacketWriter { Csrcs = new uint[16] }.TryWriteTo(new byte[128], out _));
    }

    [Fact]
    public void Minimal_header_parses_with_empty_payload()
    {
        var bytes = Hex.Parse("80 00 0001 00000000 00000001");
        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.Equal(12, packet.HeaderLength);
        Assert.Equal(0, packet.PayloadLength);
        Assert.False(packet.HasExtension);
        Assert.Equal(0, packet.ExtensionProfile);
        Assert.True(packet.ExtensionData.IsEmpty);
    }

    [Theory]
    [InlineData("40 00 0001 00000000 00000001", "version 1")]
    [InlineData("C0 00 0001 00000000 00000001", "version 3")]
    [InlineData("81 00 0001 00000000 00000001", "one CSRC announced, none present")]
    [InlineData("90 00 0001 00000000 00000001 BEDE", "extension header cut short")]
    [InlineData("90 00 0001 00000000 00000001 BEDE0001", "extension announces a word that is missing")]
    [InlineData("A0 00 0001 00000000 00000001 AA00", "padding count zero")]
    [InlineData("A0 00 0001 00000000 00000001 AA03", "padding longer than the payload")]
    [InlineData("80 00 0001 00000000 000000", "fixed header cut short")]
    public void Malformed_packets_are_refused(string hex, string why)
    {
        Assert.False(RtpPacket.TryParse(Hex.Parse(hex), out _), why);
    }

    [Fact]
    public void Every_truncation_of_the_fixture_is_refused_or_parses_within_bounds()
    {
        for (var length = 0; length < Fixture.Length; length++)
        {
            var ok = RtpPacket.TryParse(Fixture.AsSpan(0, length), out var packet);
            if (length < 32)
            {
                Assert.False(ok, $"length {length}");
            }
            else if (ok)
            {
                Assert.InRange(packet.PayloadOffset + packet.PayloadLength + packet.PaddingLength, 0, length);
            }
        }
    }

    [Fact]
    public void Random_bytes_never_make_the_parser_throw()
    {
        var random = new Random(8285);
        var buffer = new byte[96];
        for (var round = 0; round < 20_000; round++)
        {
            var length = random.Next(buffer.Length + 1);
            random.NextBytes(buffer);

            // Bias towards version 2 so that the deeper paths are reached too.
            if (length > 0 && round % 2 == 0)
            {
                buffer[0] = (byte)(0x80 | (buffer[0] & 0x3F));
            }

            if (RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet))
            {
                Assert.InRange(packet.HeaderLength + packet.PayloadLength + packet.PaddingLength, 12, length);
                foreach (var element in packet.GetHeaderExtensions())
                {
                    Assert.InRange(element.Id, 1, 255);
                }
            }
        }
    }
}
