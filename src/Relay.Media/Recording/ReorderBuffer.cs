namespace Relay.Media.Recording;

/// <summary>
/// Puts one stream's packets back in sequence order. The stream's first packets wait one window
/// (the first to arrive may have overtaken earlier ones); after that, a packet waits while an earlier one is
/// missing, until the first packet after the hole has waited <c>maxDelay</c> or the hole is a
/// whole buffer behind the newest packet; then the hole is given up as lost. Late packets (behind
/// what was already released) and duplicates are refused. Ownership: an inserted buffer belongs
/// to this buffer until it is dequeued; refused buffers stay with the caller. One writer task.
/// </summary>
internal sealed class ReorderBuffer
{
    /// <summary>So many refused late packets in a row mean the sender restarted its numbering.</summary>
    private const int LateRunBeforeRestart = 64;

    private readonly ReorderedPacket[] _slots;
    private readonly bool[] _used;
    private readonly int _mask;
    private readonly long _maxDelayTicks;
    private readonly Queue<ReorderedPacket> _ready = new();
    private bool _started;
    private bool _released;
    private long _firstArrival;
    private long _highest;
    private long _next;
    private int _count;
    private int _lateRun;

    /// <param name="capacity">Slots; a power of two.</param>
    /// <param name="maxDelay">How long a hole may hold back the packets after it.</param>
    public ReorderBuffer(int capacity, TimeSpan maxDelay)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A power of two.");
        }

        _slots = new ReorderedPacket[capacity];
        _used = new bool[capacity];
        _mask = capacity - 1;
        _maxDelayTicks = maxDelay.Ticks;
    }

    /// <summary>Sequence numbers given up as lost.</summary>
    public long Lost { get; private set; }

    /// <summary>Packets refused as duplicates or too late.</summary>
    public long Refused { get; private set; }

    /// <summary>Packets held, released or not.</summary>
    public int Count => _count + _ready.Count;

    /// <summary>False (buffer not taken) for a duplicate or a packet behind what was released.</summary>
    public bool Insert(in ReorderedPacket packet)
    {
        var index = packet.Index;
        if (!_started)
        {
            _started = true;
            _next = index;
            _highest = index;
            _firstArrival = packet.ArrivalTicks;
        }

        if (!_released && index < _next && _highest - index < _slots.Length)
        {
            // Nothing released yet: the first packet to arrive need not be the stream's first.
            _next = index;
        }

        if (index < _next)
        {
            if (++_lateRun < LateRunBeforeRestart)
            {
                Refused++;
                return false;
            }

            // Not reordering any more: the sender restarted its sequence behind us.
            ReleaseAll();
            _next = index;
        }

        _lateRun = 0;
        if (index - _next >= _slots.Length)
        {
            MakeRoomFor(index);
        }

        var slot = (int)(index & _mask);
        if (_used[slot])
        {
            Refused++;
            return false;
        }

        _highest = Math.Max(_highest, index);
        _slots[slot] = packet;
        _used[slot] = true;
        _count++;
        return true;
    }

    /// <summary>The next packet in order, once it is there or the hole before it has waited long enough.</summary>
    /// <param name="nowTicks">The call clock now (the arrival time of the newest packet is enough).</param>
    public bool TryDequeue(long nowTicks, out ReorderedPacket packet) => TryTake(nowTicks, force: false, out packet);

    /// <summary>Releases everything in order, holes or not: the stream ended.</summary>
    public bool TryDrain(out ReorderedPacket packet) => TryTake(0, force: true, out packet);

    /// <summary>Forgets the sequence position of a drained buffer: the next packet starts a new stream.</summary>
    public void Restart()
    {
        if (Count != 0)
        {
            throw new InvalidOperationException("Drain the buffer first.");
        }

        _started = false;
        _released = false;
        _lateRun = 0;
    }

    private bool TryTake(long nowTicks, bool force, out ReorderedPacket packet)
    {
        if (_ready.TryDequeue(out packet))
        {
            return true;
        }

        if (_count == 0 || (!force && !_released && nowTicks - _firstArrival < _maxDelayTicks))
        {
            // A stream's first packets wait out one window, so that one sent earlier but
            // overtaken on the way is not refused as late.
            return false;
        }

        var slot = (int)(_next & _mask);
        if (_used[slot])
        {
            packet = Take(slot);
            return true;
        }

        // A hole at the head: find the first packet after it.
        var first = _next + 1;
        while (!_used[(int)(first & _mask)])
        {
            first++;
        }

        var firstSlot = (int)(first & _mask);
        if (!force && nowTicks - _slots[firstSlot].ArrivalTicks < _maxDelayTicks)
        {
            packet = default;
            return false;
        }

        Lost += first - _next;
        _next = first;
        packet = Take(firstSlot);
        return true;
    }

    private ReorderedPacket Take(int slot)
    {
        _released = true;
        var packet = _slots[slot];
        _slots[slot] = default;
        _used[slot] = false;
        _count--;
        _next = packet.Index + 1;
        return packet;
    }

    /// <summary>A packet a whole buffer ahead: what it pushes out is released, holes and all.</summary>
    private void MakeRoomFor(long index)
    {
        var keepFrom = index - _slots.Length + 1;
        ReleaseBefore(keepFrom);
        if (_next < keepFrom)
        {
            Lost += keepFrom - _next;
            _next = keepFrom;
        }
    }

    private void ReleaseAll() => ReleaseBefore(long.MaxValue);

    /// <summary>Releases what is held below <paramref name="limit"/> in order, counting each hole passed as lost.</summary>
    private void ReleaseBefore(long limit)
    {
        while (_next < limit && _count > 0)
        {
            var slot = (int)(_next & _mask);
            if (_used[slot])
            {
                _ready.Enqueue(Take(slot));
            }
            else
            {
                Lost++;
                _next++;
            }
        }
    }
}
