using Relay.Media.Rtp;

namespace Relay.Media.Tests.Recovery;

internal static class RtpFixtures
{
    /// <summary>A plain RTP packet whose payload is <paramref name="fill"/> repeated.</summary>
    public static byte[] Packet(ushort sequence, byte fill = 0xAB, int payloadLength = 100)
    {
        var payload = new byte[payloadLength];
        payload.AsSpan().Fill(fill);
        var writer = new RtpPacketWriter
        {
            PayloadType = 96,
            SequenceNumber = sequence,
            Timestamp = 90_000,
            Ssrc = 0x11223344,
            Payload = payload,
        };
        var packet = new byte[writer.GetSize()];
        Assert.True(writer.TryWriteTo(packet, out _));
        return packet;
    }
}
