using System.Buffers.Binary;
using Relay.Media.Rtp;

namespace Relay.Media.Recovery;

/// <summary>
/// The last packets one outbound track sent, kept so a receiver's Generic NACK (RFC 4585
/// §6.2.1) can be answered by the relay instead of travelling back to the sender. It holds the
/// PLAINTEXT packets as rewritten for this track (our SSRC and sequence numbering): an RTX packet
/// is a new packet of another stream (RFC 4588 §4) and must be built, then encrypted, from the
/// plaintext; a plain resend re-encrypts the same plaintext under the same SRTP index, which gives
/// the same ciphertext and so reuses no keystream (RFC 3711 §9.1).
/// </summary>
/// <remarks>
/// A ring of <see cref="Capacity"/> preallocated slots (a power of two) indexed by the 16-bit
/// sequence number's low bits, so insert and lookup are O(1) and allocate nothing; each slot keeps
/// the sequence it holds, so a later packet that landed in the same slot turns a lookup into a miss.
/// A packet older than the maximum age is a miss too: a receiver's jitter buffer has given up on
/// it, and the age bound also rules out a stale slot whose tag matches after a full 2^16 lap.
/// The slots live in one array owned by the cache for the track's lifetime (not pooled: nothing
/// would return it sooner, and a pool return would need a dispose the leg cannot get wrong).
/// Not thread-safe: used only under its leg's lock, like <c>OutboundTrack</c>.
/// </remarks>
public sealed class RetransmissionCache
{
    /// <summary>Largest packet kept: an Ethernet MTU; the relay never forwards larger RTP.</summary>
    public const int SlotLength = 1500;

    private readonly byte[] _slots;
    private readonly int[] _lengths;
    private readonly ushort[] _sequences;
    private readonly long[] _storedAt;
    private readonly long[] _resentAt;
    private readonly int _mask;
    private readonly long _maxAge;
    private readonly TimeProvider _time;

    /// <param name="capacity">Slots in the ring, a power of two between 16 and 32768.</param>
    /// <param name="maxAge">How long a packet stays worth resending (positive).</param>
    /// <param name="time">Clock for the age check; tests pass a manual one.</param>
    public RetransmissionCache(int capacity, TimeSpan maxAge, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 16);
        // No receiver asks that far back (libwebrtc's NACK list holds at most 1,000 packets), and
        // 32,768 slots of 1,500 bytes is already 48 MB for one track.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 32768);
        if (!int.IsPow2(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Must be a power of two.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);

        _slots = GC.AllocateUninitializedArray<byte>(capacity * SlotLength);
        _lengths = new int[capacity];
        _sequences = new ushort[capacity];
        _storedAt = new long[capacity];
        _resentAt = new long[capacity];
        _mask = capacity - 1;
        _maxAge = (long)(maxAge.TotalSeconds * time.TimestampFrequency);
        _time = time;
    }

    public int Capacity => _lengths.Length;

    /// <summary>
    /// Copies a packet as sent, keyed by its header's sequence number; a packet already stored
    /// under that number is replaced. False (nothing stored) when it is shorter than an RTP fixed
    /// header or longer than <see cref="SlotLength"/>.
    /// </summary>
    public bool Store(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < RtpPacket.FixedHeaderLength || packet.Length > SlotLength)
        {
            return false;
        }

        var sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[RtpPacket.SequenceNumberOffset..]);
        var slot = sequence & _mask;
        packet.CopyTo(_slots.AsSpan(slot * SlotLength, SlotLength));
        _lengths[slot] = packet.Length;
        _sequences[slot] = sequence;
        _storedAt[slot] = _time.GetTimestamp();
        _resentAt[slot] = 0;
        return true;
    }

    /// <summary>
    /// The stored packet with <paramref name="sequence"/>; false when it was never stored, has
    /// been overwritten, or is older than the maximum age. The span is valid until the next
    /// <see cref="Store"/>.
    /// </summary>
    public bool TryGet(ushort sequence, out ReadOnlySpan<byte> packet) =>
        TryFind(sequence, _time.GetTimestamp(), out _, out packet);

    /// <summary>
    /// Like <see cref="TryGet"/>, but for answering a NACK: a packet already resent less than
    /// <paramref name="minInterval"/> ago is <see cref="RetransmissionLookup.RateLimited"/>; a hit
    /// records now as its resend time.
    /// </summary>
    public RetransmissionLookup TryGetForResend(ushort sequence, TimeSpan minInterval, out ReadOnlySpan<byte> packet)
    {
        var now = _time.GetTimestamp();
        if (!TryFind(sequence, now, out var slot, out packet))
        {
            return RetransmissionLookup.Miss;
        }

        var interval = (long)(minInterval.TotalSeconds * _time.TimestampFrequency);
        if (_resentAt[slot] != 0 && now - _resentAt[slot] < interval)
        {
            packet = default;
            return RetransmissionLookup.RateLimited;
        }

        // 0 means "never resent", so a clock reading of exactly 0 is nudged to 1.
        _resentAt[slot] = Math.Max(now, 1);
        return RetransmissionLookup.Hit;
    }

    private bool TryFind(ushort sequence, long now, out int slot, out ReadOnlySpan<byte> packet)
    {
        slot = sequence & _mask;
        var length = _lengths[slot];
        if (length == 0 || _sequences[slot] != sequence || now - _storedAt[slot] > _maxAge)
        {
            slot = -1;
            packet = default;
            return false;
        }

        packet = _slots.AsSpan(slot * SlotLength, length);
        return true;
    }
}
