using System.Buffers.Binary;
using Relay.Media.Client;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>
/// Numbered payloads: bytes 0-3 hold a counter, the rest a pattern derived from it, so a
/// receiver can tell loss, duplication and corruption apart. Collects what a peer receives.
/// </summary>
internal sealed class MediaTraffic
{
    public const int VideoPayloadSize = 1100;
    public const int AudioPayloadSize = 160;

    private readonly Lock _gate = new();
    private readonly HashSet<uint>[] _counters = [[], []];
    private readonly List<uint>[] _ssrcs = [[], []];
    private int _corrupt;

    public MediaTraffic(ClientPeer receiver) => receiver.RtpReceived += OnRtp;

    public int Corrupt => Volatile.Read(ref _corrupt);

    public int Distinct(MediaKind kind)
    {
        lock (_gate)
        {
            return _counters[(int)kind].Count;
        }
    }

    public IReadOnlyList<uint> Ssrcs(MediaKind kind)
    {
        lock (_gate)
        {
            return [.. _ssrcs[(int)kind]];
        }
    }

    public bool HasAll(MediaKind kind, int count)
    {
        lock (_gate)
        {
            var seen = _counters[(int)kind];
            for (var i = 0u; i < count; i++)
            {
                if (!seen.Contains(i))
                {
                    return false;
                }
            }

            return true;
        }
    }

    public static byte[] Payload(MediaKind kind, uint counter)
    {
        var payload = new byte[kind == MediaKind.Video ? VideoPayloadSize : AudioPayloadSize];
        BinaryPrimitives.WriteUInt32BigEndian(payload, counter);
        for (var i = 4; i < payload.Length; i++)
        {
            payload[i] = (byte)(counter + i);
        }

        return payload;
    }

    /// <summary>Sends <paramref name="count"/> numbered packets of each kind, interleaved, with at most <paramref name="window"/> unacknowledged per kind.</summary>
    public static async Task SendAsync(ClientPeer sender, MediaTraffic receiver, int videoCount, int audioCount, int window = 32)
    {
        for (var i = 0u; i < Math.Max(videoCount, audioCount); i++)
        {
            if (i < videoCount)
            {
                Assert.True(sender.SendRtp(MediaKind.Video, Payload(MediaKind.Video, i), marker: i % 10 == 9, timestamp: i / 10 * 3000));
            }

            if (i < audioCount)
            {
                Assert.True(sender.SendRtp(MediaKind.Audio, Payload(MediaKind.Audio, i), marker: false, timestamp: i * 960));
            }

            // Pacing keeps the burst inside the socket buffers: loss must come from the relay, not the kernel.
            if (i % window == window - 1)
            {
                var sent = (int)i + 1;
                await RelayHarness.WaitUntilAsync(
                    () => receiver.Distinct(MediaKind.Video) >= Math.Min(sent, videoCount) && receiver.Distinct(MediaKind.Audio) >= Math.Min(sent, audioCount),
                    $"the first {sent} packets to arrive");
            }
        }
    }

    private void OnRtp(MediaKind kind, uint ssrc, ushort sequenceNumber, ReadOnlySpan<byte> payload)
    {
        var expected = kind == MediaKind.Video ? VideoPayloadSize : AudioPayloadSize;
        if (payload.Length != expected)
        {
            Interlocked.Increment(ref _corrupt);
            return;
        }

        var counter = BinaryPrimitives.ReadUInt32BigEndian(payload);
        for (var i = 4; i < payload.Length; i++)
        {
            if (payload[i] != (byte)(counter + i))
            {
                Interlocked.Increment(ref _corrupt);
                return;
            }
        }

        lock (_gate)
        {
            if (!_counters[(int)kind].Add(counter))
            {
                Interlocked.Increment(ref _corrupt);
            }

            if (!_ssrcs[(int)kind].Contains(ssrc))
            {
                _ssrcs[(int)kind].Add(ssrc);
            }
        }
    }
}
