using System.Text;
using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class RtcpCompoundReaderTests
{
    private static List<(int Offset, RtcpPacketType Type)> Walk(byte[] datagram, out RtcpError error, out int errorOffset)
    {
        var found = new List<(int, RtcpPacketType)>();
        var reader = new RtcpCompoundReader(datagram);
        while (reader.MoveNext())
        {
            found.Add((reader.Offset, reader.Current.PacketType));
        }

        error = reader.Error;
        errorOffset = reader.ErrorOffset;
        return found;
    }

    [Fact]
    public void Receiver_report_and_SDES_as_Chromium_sends_from_a_receive_only_leg()
    {
        byte[] datagram =
        [
            0x80, 0xC9, 0x00, 0x01, // RR, RC=0, 8 bytes
            0x0A, 0x0B, 0x0C, 0x0D, //   SSRC of packet sender
            .. SdesPacketTests.Fixture, // SDES with the CNAME of 0x0A0B0C0D, 28 bytes
        ];

        var packets = Walk(datagram, out var error, out var errorOffset);
        Assert.Equal([(0, RtcpPacketType.ReceiverReport), (8, RtcpPacketType.SourceDescription)], packets);
        Assert.Equal(RtcpError.None, error);
        Assert.Equal(-1, errorOffset);

        Assert.True(ReceiverReportPacket.TryParse(datagram, out var rr));
        Assert.Equal(0x0A0B0C0Du, rr.SenderSsrc);
        Assert.True(SdesPacket.TryParse(datagram.AsSpan(8), out var sdes));
        foreach (var chunk in sdes)
        {
            Assert.True(chunk.TryGetCanonicalName(out var cname));
            Assert.Equal("Lh3fW5v0W/mCaDWJ", Encoding.UTF8.GetString(cname));
        }
    }

    [Fact]
    public void Sender_report_and_SDES()
    {
        byte[] datagram = [.. SenderReportPacketTests.Fixture, .. SdesPacketTests.Fixture];
        var packets = Walk(datagram, out var error, out _);
        Assert.Equal([(0, RtcpPacketType.SenderReport), (52, RtcpPacketType.SourceDescription)], packets);
        Assert.Equal(RtcpError.None, error);
    }

    [Fact]
    public void Feedback_compound_with_PLI_NACK_and_REMB_dispatches_by_type_and_format()
    {
        byte[] datagram =
        [
            .. ReceiverReportPacketTests.Fixture,
            .. PliPacketTests.Fixture,
            .. GenericNackPacketTests.Fixture,
            .. RembPacketTests.Fixture,
            .. TransportCcPacketTests.RunLengthFixture,
        ];

        var seen = new List<string>();
        var reader = new RtcpCompoundReader(datagram);
        while (reader.MoveNext())
        {
            var packet = reader.Current.Packet;
            if (ReceiverReportPacket.TryParse(packet, out var rr))
            {
                seen.Add($"RR {rr.ReportCount}");
            }
            else if (PliPacket.TryParse(packet, out var pli))
            {
                seen.Add($"PLI {pli.MediaSsrc:X8}");
            }
            else if (GenericNackPacket.TryParse(packet, out var nack))
            {
                seen.Add($"NACK {nack.ItemCount}");
            }
            else if (RembPacket.TryParse(packet, out var remb))
            {
                seen.Add($"REMB {remb.Bitrate}");
            }
            else if (TransportCcPacket.TryParse(packet, out var twcc))
            {
                seen.Add($"TWCC {twcc.PacketStatusCount}");
            }
        }

        Assert.Equal(RtcpError.None, reader.Error);
        Assert.Equal(["RR 1", "PLI 55667788", "NACK 2", "REMB 1000000", "TWCC 5"], seen);
    }

    [Fact]
    public void A_lone_feedback_packet_is_fine_under_reduced_size_RTCP()
    {
        // RFC 5506: with rtcp-rsize a datagram need not start with SR/RR.
        var packets = Walk(PliPacketTests.Fixture, out var error, out _);
        Assert.Equal([(0, RtcpPacketType.PayloadFeedback)], packets);
        Assert.Equal(RtcpError.None, error);
    }

    [Fact]
    public void Stops_at_a_packet_whose_length_overruns_and_keeps_the_earlier_ones()
    {
        byte[] datagram = [.. PliPacketTests.Fixture, 0x81, 0xCE, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00];
        var packets = Walk(datagram, out var error, out var errorOffset);
        Assert.Equal([(0, RtcpPacketType.PayloadFeedback)], packets);
        Assert.Equal(RtcpError.LengthOverrun, error);
        Assert.Equal(12, errorOffset);
    }

    [Fact]
    public void Stops_at_trailing_bytes_too_short_for_a_header()
    {
        byte[] datagram = [.. PliPacketTests.Fixture, 0x81, 0xCE];
        var packets = Walk(datagram, out var error, out var errorOffset);
        Assert.Single(packets);
        Assert.Equal(RtcpError.TooShort, error);
        Assert.Equal(12, errorOffset);
    }

    [Fact]
    public void Stops_at_a_wrong_version()
    {
        byte[] datagram = [.. PliPacketTests.Fixture, .. PliPacketTests.Fixture];
        datagram[12] = 0x41; // V=1
        var packets = Walk(datagram, out var error, out var errorOffset);
        Assert.Single(packets);
        Assert.Equal(RtcpError.BadVersion, error);
        Assert.Equal(12, errorOffset);

        // Once stopped it stays stopped.
        var reader = new RtcpCompoundReader(datagram);
        Assert.True(reader.MoveNext());
        Assert.False(reader.MoveNext());
        Assert.False(reader.MoveNext());
    }

    [Fact]
    public void An_empty_datagram_has_no_packets_and_no_error()
    {
        Assert.Empty(Walk([], out var error, out _));
        Assert.Equal(RtcpError.None, error);
    }
}
