using Relay.Media.Rtp;

namespace Relay.Media.Recovery;

/// <summary>
/// The receiving side of Generic NACK (RFC 4585 §6.2.1) for one RTP stream: notes every sequence
/// number that arrives, keeps a list of the gaps, and says which of them to ask for now. It also
/// remembers which packets already arrived, so a packet that comes twice (an RTX copy of one that
/// was only late, a sender's redundant RTX padding, a plain resend after the original) is passed on
/// only once.
/// </summary>
/// <remarks>
/// Limits, after libwebrtc's NackRequester: a missing packet is asked for at once, then again every
/// <see cref="NackRequesterOptions.RetryInterval"/> (the RTT when known; WebRTC's 100 ms default
/// otherwise) up to <see cref="NackRequesterOptions.MaxRetries"/> times, after which it is given up
/// (a jitter buffer waits about that long). At most <see cref="NackRequesterOptions.MaxMissing"/>
/// gaps are tracked (the oldest go first), and NACKs for the stream are at least
/// <see cref="NackRequesterOptions.MinNackInterval"/> apart, so a burst of loss cannot turn into
/// a burst of feedback. Sequence numbers are unwrapped to 64 bits, so the 16-bit wrap is invisible;
/// a jump of more than <see cref="Window"/> packets is a restarted stream, not loss.
/// Preallocated arrays only: nothing allocates per packet. Not thread-safe: one owner (the leg's
/// lock, or the client's receive gate).
/// </remarks>
public sealed class NackRequester
{
    /// <summary>How many recent sequence numbers are remembered as arrived (a power of two).</summary>
    public const int Window = 1024;

    private const long NeverSent = long.MinValue;

    private readonly SequenceUnwrapper _sequence = new();
    private readonly ulong[] _arrived = new ulong[Window / 64];
    private readonly long[] _missing;
    private readonly long[] _sentAt;
    private readonly int[] _retries;
    private readonly long _retryInterval;
    private readonly long _minNackInterval;
    private readonly int _maxRetries;
    private readonly TimeProvider _time;
    private int _count;
    private long _lastNackAt = NeverSent;

    public NackRequester(NackRequesterOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMissing, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxMissing, Window);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRetries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinNackInterval, TimeSpan.Zero);
        _missing = new long[options.MaxMissing];
        _sentAt = new long[options.MaxMissing];
        _retries = new int[options.MaxMissing];
        _retryInterval = ToTicks(options.RetryInterval, time);
        _minNackInterval = ToTicks(options.MinNackInterval, time);
        _maxRetries = options.MaxRetries;
        _time = time;
    }

    /// <summary>Gaps still being asked for.</summary>
    public int MissingCount => _count;

    /// <summary>Sequence numbers given up on: retried too often, or pushed out by newer gaps.</summary>
    public long Abandoned { get; private set; }

    /// <summary>
    /// Notes the arrival of <paramref name="sequence"/>, as the original or as a retransmission
    /// (RFC 4588 OSN, or a plain resend); the result says whether to pass the packet on.
    /// </summary>
    public NackArrival OnPacket(ushort sequence, bool retransmission)
    {
        if (!_sequence.HasValue)
        {
            Restart(sequence);
            return NackArrival.InOrder;
        }

        var index = _sequence.Estimate(sequence);
        var highest = _sequence.HighestIndex;
        var ahead = index - highest;
        if (ahead > Window || -ahead >= Window)
        {
            // Too far from anything seen to be loss or reordering: the sender restarted its
            // numbering. A retransmission that far off is stale and must not reset the stream.
            if (retransmission)
            {
                return NackArrival.Stale;
            }

            Restart(sequence);
            return NackArrival.Restarted;
        }

        if (ahead > 0)
        {
            // Only the newest MaxMissing of a long gap are tracked; the rest are abandoned at once.
            var firstTracked = Math.Max(highest + 1, index - _missing.Length);
            Abandoned += firstTracked - (highest + 1);
            for (var missing = highest + 1; missing < index; missing++)
            {
                Clear(missing);
                if (missing >= firstTracked)
                {
                    AddMissing(missing);
                }
            }

            Mark(index);
            _sequence.Commit(index);
            return ahead == 1 ? NackArrival.InOrder : NackArrival.AfterGap;
        }

        if (HasArrived(index))
        {
            return NackArrival.Duplicate;
        }

        Mark(index);
        RemoveMissing(index);
        return NackArrival.Recovered;
    }

    /// <summary>True while <paramref name="sequence"/> is a gap this requester is asking for.</summary>
    public bool IsMissing(ushort sequence)
    {
        if (!_sequence.HasValue)
        {
            return false;
        }

        return Find(_sequence.Estimate(sequence)) >= 0;
    }

    /// <summary>
    /// Writes the gaps due for a (re)request into <paramref name="destination"/>, ascending, and
    /// counts them as asked; drops those asked <see cref="NackRequesterOptions.MaxRetries"/> times
    /// whose last answer had its chance. Returns 0 while the previous NACK is less than
    /// <see cref="NackRequesterOptions.MinNackInterval"/> old.
    /// </summary>
    public int CollectDue(Span<ushort> destination)
    {
        if (_count == 0)
        {
            return 0;
        }

        var now = _time.GetTimestamp();
        if (_lastNackAt != NeverSent && now - _lastNackAt < _minNackInterval)
        {
            return 0;
        }

        var written = 0;
        var i = 0;
        while (i < _count)
        {
            var due = _sentAt[i] == NeverSent || now - _sentAt[i] >= _retryInterval;
            if (due && _retries[i] >= _maxRetries)
            {
                RemoveAt(i);
                Abandoned++;
                continue;
            }

            if (due && written < destination.Length)
            {
                destination[written++] = (ushort)_missing[i];
                _sentAt[i] = now;
                _retries[i]++;
            }

            i++;
        }

        if (written > 0)
        {
            _lastNackAt = now;
        }

        return written;
    }

    private void Restart(ushort sequence)
    {
        Array.Clear(_arrived);
        _count = 0;
        _sequence.Reset();
        var index = _sequence.Unwrap(sequence);
        Mark(index);
    }

    private void AddMissing(long index)
    {
        if (_count == _missing.Length)
        {
            // The oldest gap is the one least likely to be useful when it arrives.
            RemoveAt(0);
            Abandoned++;
        }

        _missing[_count] = index;
        _sentAt[_count] = NeverSent;
        _retries[_count] = 0;
        _count++;
    }

    /// <summary>The list stays sorted: gaps are appended in arrival order, which is index order.</summary>
    private int Find(long index)
    {
        var position = Array.BinarySearch(_missing, 0, _count, index);
        return position >= 0 ? position : -1;
    }

    private void RemoveMissing(long index)
    {
        var position = Find(index);
        if (position >= 0)
        {
            RemoveAt(position);
        }
    }

    private void RemoveAt(int position)
    {
        var tail = _count - position - 1;
        Array.Copy(_missing, position + 1, _missing, position, tail);
        Array.Copy(_sentAt, position + 1, _sentAt, position, tail);
        Array.Copy(_retries, position + 1, _retries, position, tail);
        _count--;
    }

    private bool HasArrived(long index) => (_arrived[Slot(index)] & Bit(index)) != 0;

    private void Mark(long index) => _arrived[Slot(index)] |= Bit(index);

    private void Clear(long index) => _arrived[Slot(index)] &= ~Bit(index);

    private static int Slot(long index) => (int)((index & (Window - 1)) >> 6);

    private static ulong Bit(long index) => 1UL << (int)(index & 63);

    private static long ToTicks(TimeSpan interval, TimeProvider time) => (long)(interval.TotalSeconds * time.TimestampFrequency);
}
