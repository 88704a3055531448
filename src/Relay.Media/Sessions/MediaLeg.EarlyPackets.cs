using System.Buffers;
using Relay.Media.Diagnostics;

namespace Relay.Media.Sessions;

// SRTP and SRTCP that arrive in the moment between our DTLS Finished and our SRTP keys.
public sealed partial class MediaLeg
{
    /// <summary>A few packets cover the browser's first burst (a key frame's first packets, an audio frame, a report).</summary>
    private const int MaxEarlyPackets = 16;

    /// <summary>Owned by the leg, guarded by its lock; each buffer is rented from the shared pool and returned when processed or when the leg ends.</summary>
    private readonly Queue<EarlyPacket> _early = new();

    /// <summary>
    /// Holds a packet from the verified address that arrived while the leg is still connecting.
    /// BouncyCastle sends our Finished before it reports the handshake complete, and the browser
    /// sends SRTP the moment it has that Finished (MEDIA-NOTES pitfall 3): the socket thread can
    /// read it before the handshake thread has made the contexts. Under the leg's lock.
    /// </summary>
    private void HoldEarly(ReadOnlySpan<byte> datagram, bool isRtcp)
    {
        if (State != LegState.Connecting || _early.Count >= MaxEarlyPackets)
        {
            _relay.Counters.Drop(DropReason.NotConnected);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
        datagram.CopyTo(buffer);
        _early.Enqueue(new EarlyPacket(buffer, datagram.Length, isRtcp));
    }

    /// <summary>Runs the held packets through the normal path once the keys exist; handshake thread, no lock held.</summary>
    private void ReleaseEarlyPackets()
    {
        while (true)
        {
            EarlyPacket packet;
            lock (_gate)
            {
                if (!_early.TryDequeue(out packet))
                {
                    return;
                }
            }

            var datagram = packet.Buffer.AsSpan(0, packet.Length);
            if (packet.IsRtcp)
            {
                OnRtcp(datagram);
            }
            else
            {
                OnRtp(datagram);
            }

            ArrayPool<byte>.Shared.Return(packet.Buffer);
        }
    }

    /// <summary>Under the leg's lock, when it ends.</summary>
    private void DiscardEarlyPackets()
    {
        while (_early.TryDequeue(out var packet))
        {
            ArrayPool<byte>.Shared.Return(packet.Buffer);
        }
    }

    private readonly record struct EarlyPacket(byte[] Buffer, int Length, bool IsRtcp);
}
