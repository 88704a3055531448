using Relay.Media.Rtcp;
using Relay.Media.Rtp;

namespace Relay.Media.Tests.Recording;

/// <summary>Builds the RTP and RTCP a browser would send, for feeding a recording.</summary>
internal static class RecordingPackets
{
    public const byte OpusPayloadType = 111;
    public const byte Vp8PayloadType = 96;

    public static byte[] Rtp(byte payloadType, ushort sequence, uint timestamp, uint ssrc, bool marker, byte[] payload)
    {
        var writer = new RtpPacketWriter
        {
            PayloadType = payloadType,
            SequenceNumber = sequence,
            Timestamp = timestamp,
            Ssrc = ssrc,
            Marker = marker,
            Payload = payload,
        };
        var packet = new byte[writer.GetSize()];
        Assert.True(writer.TryWriteTo(packet, out _));
        return packet;
    }

    /// <summary>A VP8 frame as RTP packets of at most 1,000 payload octets (RFC 7741), marker on the last.</summary>
    public static List<byte[]> Vp8Frame(byte[] frame, ref ushort sequence, uint timestamp, uint ssrc, int pictureId)
    {
        var packets = new List<byte[]>();
        var payloads = Vp8Fixtures.Packetize(frame, 1000, pictureId);
        for (var i = 0; i < payloads.Count; i++)
        {
            packets.Add(Rtp(Vp8PayloadType, sequence++, timestamp, ssrc, i == payloads.Count - 1, payloads[i]));
        }

        return packets;
    }

    public static byte[] SenderReport(uint ssrc, NtpTimestamp ntp, uint rtpTimestamp)
    {
        var writer = new SenderReportWriter(ssrc, ntp, rtpTimestamp, 0, 0, []);
        var packet = new byte[writer.Size];
        Assert.True(writer.TryWriteTo(packet, out _));
        return packet;
    }
}
