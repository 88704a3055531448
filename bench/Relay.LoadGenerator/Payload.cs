using System.Buffers.Binary;
using Relay.Media.Sessions;

namespace Relay.LoadGenerator;

/// <summary>
/// What every synthetic packet carries in its RTP payload (the rest is filler), after a video
/// packet's <see cref="Vp8PrefixSize"/> bytes of VP8 framing:
/// <code>
/// 0       4                12
/// +-------+----------------+
/// |counter| send timestamp |   counter: per stream, from 0; timestamp: Stopwatch ticks
/// +-------+----------------+   (CLOCK_MONOTONIC on Linux, so comparable across processes)
/// </code>
/// The VP8 framing (an RFC 7741 payload descriptor, and on a frame's first packet the VP8 frame
/// tag, plus the key-frame start code and size every <see cref="KeyFrameInterval"/> frames) lets
/// the relay's recorder take the stream for VP8, so a recorded run writes real WebM blocks.
/// </summary>
internal static class Payload
{
    public const int HeaderSize = 12;

    /// <summary>Room for a descriptor (1), a frame tag (3), a key frame's start code (3) and size (4).</summary>
    public const int Vp8PrefixSize = 16;

    public const int KeyFrameInterval = 30;

    /// <summary>1.5 Mbit/s in ~1,100-byte packets is ~170 packets/s (1100 × 8 × 170 = 1.496 Mbit/s).</summary>
    public const int VideoSize = 1100;

    public const int VideoPacketsPerSecond = 170;

    public const int VideoFramesPerSecond = 30;

    /// <summary>An Opus-sized 20 ms frame.</summary>
    public const int AudioSize = 100;

    public const int AudioPacketsPerSecond = 50;

    public static void Write(Span<byte> payload, MediaKind kind, uint counter, long timestamp)
    {
        payload = payload[Offset(kind)..];
        BinaryPrimitives.WriteUInt32BigEndian(payload, counter);
        BinaryPrimitives.WriteInt64BigEndian(payload[4..], timestamp);
    }

    /// <summary>The VP8 framing of one packet of a frame (RFC 7741 §4.2, RFC 6386 §9.1): 640x360 key frames.</summary>
    public static void WriteVp8Prefix(Span<byte> payload, bool frameStart, bool keyFrame)
    {
        payload[..Vp8PrefixSize].Clear();
        if (!frameStart)
        {
            return;
        }

        payload[0] = 0x10; // S: the start of partition 0
        payload[1] = keyFrame ? (byte)0x10 : (byte)0x11; // show_frame; P = 0 for a key frame
        if (keyFrame)
        {
            payload[4] = 0x9d;
            payload[5] = 0x01;
            payload[6] = 0x2a;
            BinaryPrimitives.WriteUInt16LittleEndian(payload[7..], 640);
            BinaryPrimitives.WriteUInt16LittleEndian(payload[9..], 360);
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, MediaKind kind, out uint counter, out long timestamp)
    {
        payload = payload.Length >= Offset(kind) ? payload[Offset(kind)..] : [];
        if (payload.Length < HeaderSize)
        {
            counter = 0;
            timestamp = 0;
            return false;
        }

        counter = BinaryPrimitives.ReadUInt32BigEndian(payload);
        timestamp = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
        return true;
    }

    private static int Offset(MediaKind kind) => kind == MediaKind.Video ? Vp8PrefixSize : 0;

    /// <summary>Packets of video frame <paramref name="frame"/>: 5 or 6, so that 30 frames make 170 packets.</summary>
    public static int VideoPacketsInFrame(long frame) =>
        (int)(((frame + 1) * VideoPacketsPerSecond / VideoFramesPerSecond) - (frame * VideoPacketsPerSecond / VideoFramesPerSecond));
}
