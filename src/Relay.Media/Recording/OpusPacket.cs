using System.Buffers.Binary;

namespace Relay.Media.Recording;

/// <summary>Opus facts the container needs: a packet's duration (RFC 6716 §3.1) and the OpusHead header (RFC 7845 §5.1).</summary>
internal static class OpusPacket
{
    public const int SampleRate = 48_000;
    public const int OpusHeadLength = 19;

    /// <summary>Samples per frame at 48 kHz by TOC configuration (RFC 6716 Table 2): SILK, hybrid, CELT.</summary>
    private static ReadOnlySpan<short> FrameSamples =>
    [
        480, 960, 1920, 2880, 480, 960, 1920, 2880, 480, 960, 1920, 2880,
        480, 960, 480, 960,
        120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960,
    ];

    /// <summary>Samples (48 kHz) the packet decodes to; 0 when the TOC says nothing usable.</summary>
    public static int GetSampleCount(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return 0;
        }

        var perFrame = FrameSamples[packet[0] >> 3];
        var frames = (packet[0] & 0x03) switch
        {
            0 => 1,
            1 or 2 => 2,
            _ => packet.Length > 1 ? packet[1] & 0x3F : 0,
        };
        return perFrame * frames;
    }

    /// <summary>
    /// The identification header Matroska carries as the Opus track's CodecPrivate. Pre-skip is
    /// 0: an RTP stream has no encoder delay to announce, the decoder starts with the stream.
    /// </summary>
    public static void WriteOpusHead(Span<byte> destination, int channels)
    {
        "OpusHead"u8.CopyTo(destination);
        destination[8] = 1; // version
        destination[9] = (byte)channels;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], 0); // pre-skip
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], SampleRate); // input sample rate
        BinaryPrimitives.WriteInt16LittleEndian(destination[16..], 0); // output gain
        destination[18] = 0; // mapping family 0: mono or stereo, no table
    }
}
