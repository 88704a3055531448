using Relay.Media.Rtp;
using Relay.Media.Srtp;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Srtp;

/// <summary>Keys and packets shared by the SRTP tests.</summary>
internal static class SrtpTestPackets
{
    public static readonly SrtpProfile[] Profiles =
        [SrtpProfile.Aes128CmHmacSha1Tag80, SrtpProfile.Aes128CmHmacSha1Tag32, SrtpProfile.AeadAes128Gcm];

    public static SrtpMasterKey MasterKey(SrtpProfile profile, byte seed = 1)
    {
        var key = new byte[SrtpProfileParameters.KeyLength];
        var salt = new byte[SrtpProfileParameters.GetSaltLength(profile)];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(seed + i);
        }

        for (var i = 0; i < salt.Length; i++)
        {
            salt[i] = (byte)(seed * 3 + i);
        }

        return new SrtpMasterKey(profile, key, salt);
    }

    /// <summary>An RTP packet with a one-byte extension, as Chromium sends them.</summary>
    public static byte[] Rtp(ushort sequenceNumber, uint ssrc = 0x11223344, int payloadLength = 160)
    {
        var payload = new byte[payloadLength];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(sequenceNumber + i);
        }

        var writer = new RtpPacketWriter
        {
            PayloadType = 111,
            SequenceNumber = sequenceNumber,
            Timestamp = sequenceNumber * 960u,
            Ssrc = ssrc,
            HasExtension = true,
            ExtensionProfile = RtpHeaderExtensionEnumerator.OneByteProfile,
            ExtensionData = [0x10, 0x61, 0x00, 0x00],
            Payload = payload,
        };
        var packet = new byte[writer.GetSize()];
        Assert.True(writer.TryWriteTo(packet, out _));
        return packet;
    }

    /// <summary>A receiver report followed by a PLI: a short compound RTCP packet.</summary>
    public static byte[] Rtcp() => Hex.Parse(
        "81C90007 11223344 55667788 00000000 00000000 00000000 00000000 00000000" +
        "81CE0002 11223344 55667788");

    public static byte[] Protect(SrtpContext context, byte[] packet)
    {
        var output = new byte[packet.Length + context.Overhead];
        Assert.True(context.TryProtect(packet, output, out var written, out var error), error.ToString());
        Assert.Equal(output.Length, written);
        return output;
    }

    public static byte[] Protect(SrtcpContext context, byte[] packet)
    {
        var output = new byte[packet.Length + context.Overhead];
        Assert.True(context.TryProtect(packet, output, out var written, out var error), error.ToString());
        Assert.Equal(output.Length, written);
        return output;
    }
}
