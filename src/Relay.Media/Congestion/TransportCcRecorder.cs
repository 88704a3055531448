using Relay.Media.Rtcp;
using Relay.Media.Rtp;

namespace Relay.Media.Congestion;

/// <summary>
/// The receiving side of transport-wide congestion control
/// (draft-holmer-rmcat-transport-wide-cc-extensions-01): the transport-wide sequence number and
/// arrival time of every RTP packet of one transport, in a fixed ring, turned into feedback
/// packets that report each number once, in order, from the oldest not yet reported.
/// </summary>
/// <remarks>
/// Sequence numbers are unwrapped to 64-bit indexes, so the 16-bit wrap needs no special case.
/// Numbers skipped between two arrivals are reported as not received; a packet that arrives
/// after its number was reported (as lost) is ignored, as is a duplicate. When more than
/// <see cref="Capacity"/> numbers are unreported, the oldest are dropped unreported: the ring
/// is sized for far more than a feedback interval of the fastest stream. Nothing allocates
/// after construction. Not thread-safe: one instance per transport, used under its owner's lock.
/// </remarks>
public sealed class TransportCcRecorder
{
    /// <summary>Numbers the ring holds: about 3 s of a 2.5 Mbit/s video call's packets.</summary>
    public const int Capacity = 1024;

    private const int Mask = Capacity - 1;
    private const long NotReceived = -1;

    private readonly long[] _arrivals = new long[Capacity];
    private readonly TransportCcArrival[] _pending = new TransportCcArrival[Capacity];
    private readonly SequenceUnwrapper _unwrapper = new();
    private long _nextToReport;
    private long _highest;
    private byte _feedbackCount;

    public TransportCcRecorder() => Array.Fill(_arrivals, NotReceived);

    /// <summary>True when a packet arrived that no feedback has reported yet.</summary>
    public bool HasUnreported => _unwrapper.HasValue && _nextToReport <= _highest;

    /// <summary>Feedback packets written so far (its low byte is the next packet's feedback count, §3.1).</summary>
    public long FeedbackPacketsWritten { get; private set; }

    /// <param name="sequence">The packet's transport-wide sequence number.</param>
    /// <param name="arrivalMicroseconds">Its arrival on a monotonic clock, non-negative.</param>
    public void Record(ushort sequence, long arrivalMicroseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(arrivalMicroseconds);
        if (!_unwrapper.HasValue)
        {
            var first = _unwrapper.Unwrap(sequence);
            _nextToReport = first;
            _highest = first;
            _arrivals[first & Mask] = arrivalMicroseconds;
            return;
        }

        var index = _unwrapper.Estimate(sequence);
        if (index < _nextToReport)
        {
            return;
        }

        if (index > _highest)
        {
            // The slots between hold numbers from an earlier lap of the ring: clear them.
            for (var i = Math.Max(_highest + 1, index - Capacity + 1); i < index; i++)
            {
                _arrivals[i & Mask] = NotReceived;
            }

            _highest = index;
            _unwrapper.Commit(index);
            _nextToReport = Math.Max(_nextToReport, index - Capacity + 1);
        }
        else if (_arrivals[index & Mask] != NotReceived)
        {
            return;
        }

        _arrivals[index & Mask] = arrivalMicroseconds;
    }

    /// <summary>
    /// Writes one feedback packet (RTPFB FMT 15) about the oldest unreported numbers: as many as
    /// fit <paramref name="destination"/> (whose length is the size limit) and as long as
    /// consecutive arrivals are within the ±8.19 s a two-byte delta holds. Call again while
    /// <see cref="HasUnreported"/> to report the rest in further packets.
    /// </summary>
    /// <returns>False when nothing is unreported or not even one number fits.</returns>
    public bool TryWriteFeedback(uint senderSsrc, uint mediaSsrc, Span<byte> destination, out int written)
    {
        written = 0;
        if (!HasUnreported)
        {
            return false;
        }

        // The first unreported number opens the packet even if it was lost; later gaps are
        // filled in as not received by the writer.
        var count = 0;
        for (var i = _nextToReport; i <= _highest; i++)
        {
            var arrival = _arrivals[i & Mask];
            if (arrival != NotReceived)
            {
                _pending[count++] = TransportCcArrival.At((ushort)i, arrival);
            }
            else if (count == 0)
            {
                _pending[count++] = TransportCcArrival.Lost((ushort)i);
            }
        }

        // The largest prefix that can be written: size and delta range only grow with the prefix.
        var fits = 0;
        var low = 1;
        var high = count;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (Fits(senderSsrc, mediaSsrc, middle, destination.Length))
            {
                fits = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (fits == 0
            || !TransportCcWriter.TryCreate(senderSsrc, mediaSsrc, _feedbackCount, _pending.AsSpan(0, fits), out var writer, out _)
            || !writer.TryWriteTo(destination, out written))
        {
            return false;
        }

        var last = _pending[fits - 1].SequenceNumber;
        _nextToReport += (ushort)(last - (ushort)_nextToReport) + 1;
        _feedbackCount++;
        FeedbackPacketsWritten++;
        return true;
    }

    private bool Fits(uint senderSsrc, uint mediaSsrc, int count, int size) =>
        TransportCcWriter.TryCreate(senderSsrc, mediaSsrc, _feedbackCount, _pending.AsSpan(0, count), out var writer, out _)
        && writer.Size <= size;
}
