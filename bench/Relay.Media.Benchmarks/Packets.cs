using System.Buffers.Binary;
using Relay.Media.Rtp;
using Relay.Media.Srtp;

namespace Relay.Media.Benchmarks;

/// <summary>
/// Packets and keys the benchmarks share, built once in a [GlobalSetup] with the library's own
/// writers so that every benchmark runs the success path of the code under test.
/// </summary>
internal static class Packets
{
    /// <summary>Total RTP packet size (header + payload) of the SRTP and forwarding benchmarks:
    /// a full video packet under Chromium's ~1,200-octet RTP payload budget.</summary>
    public const int RtpPacketLength = 1200;

    /// <summary>Room for the packet plus the largest tag (16, GCM), rounded to a cache line.</summary>
    public const int SlotLength = 1280;

    public const uint BrowserSsrc = 0x1122_3344;
    public const byte VideoPayloadType = 96;

    /// <summary>
    /// Chromium's usual one-byte header extension block (RFC 8285 §4.2): mid "0" (id 1),
    /// abs-send-time (id 2, 3 octets), transport-wide-cc sequence (id 3, 2 octets), padded to
    /// three 32-bit words.
    /// </summary>
    public static ReadOnlySpan<byte> ChromiumExtensionData =>
    [
        0x10, (byte)'0',             // id 1, L=0: mid "0"
        0x22, 0x12, 0x34, 0x56,      // id 2, L=2: abs-send-time
        0x31, 0x01, 0x02,            // id 3, L=1: transport-cc sequence 0x0102
        0x00, 0x00, 0x00,            // padding to the word boundary
    ];

    public const int TransportCcExtensionId = 3;

    /// <summary>Writes a VP8-sized RTP packet with the Chromium extension block, <paramref name="length"/> octets in all.</summary>
    public static int WriteRtp(Span<byte> destination, ushort sequenceNumber, int length, bool withExtension = true)
    {
        var headerLength = RtpPacket.FixedHeaderLength + (withExtension ? 4 + ChromiumExtensionData.Length : 0);
        Span<byte> payload = stackalloc byte[length - headerLength];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 31);
        }

        var writer = new RtpPacketWriter
        {
            PayloadType = VideoPayloadType,
            SequenceNumber = sequenceNumber,
            Timestamp = 90_000u * sequenceNumber,
            Ssrc = BrowserSsrc,
            HasExtension = withExtension,
            ExtensionProfile = withExtension ? RtpHeaderExtensionEnumerator.OneByteProfile : (ushort)0,
            ExtensionData = withExtension ? ChromiumExtensionData : [],
            Payload = payload,
        };
        if (!writer.TryWriteTo(destination, out var written) || written != length)
        {
            throw new InvalidOperationException("Could not build the RTP fixture.");
        }

        return written;
    }

    /// <summary>
    /// A ~100-octet compound RTCP packet as a video sender emits it (RFC 3550 §6.1): a sender
    /// report with one report block, SDES CNAME, and a generic NACK.
    /// </summary>
    public static byte[] CreateRtcp()
    {
        var packet = new byte[100];
        var span = packet.AsSpan();

        // SR, RC=1: header, SSRC, NTP (8), RTP ts, packet and octet counts, one 24-octet block = 52.
        span[0] = 0x81;
        span[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (52 / 4) - 1);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], BrowserSsrc);
        BinaryPrimitives.WriteUInt64BigEndian(span[8..], 0xE7A1_2345_6789_ABCD);
        BinaryPrimitives.WriteUInt32BigEndian(span[16..], 123_456_789);
        BinaryPrimitives.WriteUInt32BigEndian(span[20..], 1_000);
        BinaryPrimitives.WriteUInt32BigEndian(span[24..], 1_150_000);
        BinaryPrimitives.WriteUInt32BigEndian(span[28..], 0x5566_7788); // report block: source SSRC
        // Loss, highest sequence, jitter, LSR, DLSR stay zero.

        // SDES, SC=1: header, SSRC, CNAME item (type 1, length 21), end-of-list octet = 32.
        var sdes = span[52..];
        sdes[0] = 0x81;
        sdes[1] = 202;
        BinaryPrimitives.WriteUInt16BigEndian(sdes[2..], (32 / 4) - 1);
        BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], BrowserSsrc);
        sdes[8] = 1;
        sdes[9] = 21;
        "bench-cname-012345678"u8.CopyTo(sdes[10..]);
        // sdes[31], the end-of-list item, is already zero.

        // Generic NACK (RTPFB, FMT=1): header, sender SSRC, media SSRC, PID + BLP = 16.
        var nack = span[84..];
        nack[0] = 0x81;
        nack[1] = 205;
        BinaryPrimitives.WriteUInt16BigEndian(nack[2..], (16 / 4) - 1);
        BinaryPrimitives.WriteUInt32BigEndian(nack[4..], BrowserSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(nack[8..], 0x5566_7788);
        BinaryPrimitives.WriteUInt16BigEndian(nack[12..], 4242);
        return packet;
    }

    /// <summary>A deterministic master key and salt for <paramref name="profile"/>; <paramref name="seed"/> tells legs apart.</summary>
    public static SrtpMasterKey CreateMasterKey(SrtpProfile profile, byte seed)
    {
        Span<byte> key = stackalloc byte[SrtpProfileParameters.KeyLength];
        Span<byte> salt = stackalloc byte[SrtpProfileParameters.GetSaltLength(profile)];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(seed + (i * 17));
        }

        for (var i = 0; i < salt.Length; i++)
        {
            salt[i] = (byte)(seed ^ (i * 29));
        }

        return new SrtpMasterKey(profile, key, salt);
    }

    /// <summary>Thrown from the measured loops if a call refuses a packet: a benchmark of the failure path would be a lie.</summary>
    public static void Fail(SrtpError error) =>
        throw new InvalidOperationException($"The benchmark left the success path: {error}.");
}
