using System.Buffers.Binary;

namespace Relay.LoadGenerator;

/// <summary>
/// What every synthetic packet carries at the start of its RTP payload (the rest is filler):
/// <code>
/// 0       4                12
/// +-------+----------------+
/// |counter| send timestamp |   counter: per stream, from 0; timestamp: Stopwatch ticks
/// +-------+----------------+   (CLOCK_MONOTONIC on Linux, so comparable across processes)
/// </code>
/// </summary>
internal static class Payload
{
    public const int HeaderSize = 12;

    /// <summary>1.5 Mbit/s in ~1,100-byte packets is ~170 packets/s (1100 × 8 × 170 = 1.496 Mbit/s).</summary>
    public const int VideoSize = 1100;

    public const int VideoPacketsPerSecond = 170;

    public const int VideoFramesPerSecond = 30;

    /// <summary>An Opus-sized 20 ms frame.</summary>
    public const int AudioSize = 100;

    public const int AudioPacketsPerSecond = 50;

    public static void Write(Span<byte> payload, uint counter, long timestamp)
    {
        BinaryPrimitives.WriteUInt32BigEndian(payload, counter);
        BinaryPrimitives.WriteInt64BigEndian(payload[4..], timestamp);
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, out uint counter, out long timestamp)
    {
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

    /// <summary>Packets of video frame <paramref name="frame"/>: 5 or 6, so that 30 frames make 170 packets.</summary>
    public static int VideoPacketsInFrame(long frame) =>
        (int)(((frame + 1) * VideoPacketsPerSecond / VideoFramesPerSecond) - (frame * VideoPacketsPerSecond / VideoFramesPerSecond));
}
