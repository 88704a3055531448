using System.Buffers;
using Org.BouncyCastle.Tls;

namespace Relay.Media.Dtls;

/// <summary>
/// BouncyCastle's view of one leg's DTLS path. The relay's shared UDP socket pushes datagrams
/// in with <see cref="TryEnqueue"/>; BouncyCastle pulls them with a blocking
/// <see cref="Receive(Span{byte}, int)"/> and sends through the leg's callback.
/// </summary>
/// <remarks>
/// Threading: <see cref="TryEnqueue"/> and <see cref="Close"/> may be called from any thread and
/// never block for long. <see cref="Receive(Span{byte}, int)"/> is called by one thread at a time
/// (the handshake thread, later the endpoint's pump). Ownership: each queued datagram is a buffer
/// rented from <see cref="ArrayPool{T}.Shared"/>, owned by the queue until Receive copies it out
/// or Close drains it, and returned to the pool exactly once.
/// </remarks>
internal sealed class DtlsDatagramTransport : DatagramTransport
{
    /// <summary>Largest datagram accepted: an Ethernet MTU. Larger ones are dropped, not truncated.</summary>
    internal const int MaxDatagramSize = 1500;

    /// <summary>Smallest usable MTU: a DTLS record header plus a handshake fragment header and some payload.</summary>
    internal const int MinMtu = 128;

    private readonly Queue<(byte[] Buffer, int Length)> _queue = new();
    private readonly int _capacity;
    private readonly int _mtu;
    private readonly DtlsSendCallback _send;
    private readonly DtlsCounters _counters;
    private bool _closed;

    internal DtlsDatagramTransport(DtlsSendCallback send, int mtu, int capacity, DtlsCounters counters)
    {
        _send = send;
        _mtu = mtu;
        _capacity = capacity;
        _counters = counters;
    }

    /// <summary>Whether <see cref="Close"/> has run.</summary>
    internal bool IsClosed
    {
        get
        {
            lock (_queue)
            {
                return _closed;
            }
        }
    }

    /// <summary>Whether a datagram is waiting.</summary>
    internal bool HasPending
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count > 0;
            }
        }
    }

    /// <summary>
    /// Copies an inbound datagram into the queue. Returns false (and counts a drop) when the
    /// queue is full, the transport is closed or the datagram is empty or too large: a flood
    /// must cost a bounded amount of memory, and DTLS recovers lost datagrams by retransmission.
    /// </summary>
    internal bool TryEnqueue(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty || datagram.Length > MaxDatagramSize)
        {
            _counters.OnDatagramDropped();
            return false;
        }

        lock (_queue)
        {
            if (_closed || _queue.Count >= _capacity)
            {
                _counters.OnDatagramDropped();
                return false;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
            datagram.CopyTo(buffer);
            _queue.Enqueue((buffer, datagram.Length));
            Monitor.Pulse(_queue);
        }

        return true;
    }

    public int GetReceiveLimit() => MaxDatagramSize;

    public int GetSendLimit() => _mtu;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    /// <summary>
    /// Waits for a datagram. Follows BouncyCastle's contract: <paramref name="waitMillis"/> of 0
    /// waits without limit, -1 is returned on timeout. A closed transport throws, which is how
    /// closing the leg ends a handshake blocked here.
    /// </summary>
    public int Receive(Span<byte> buffer, int waitMillis)
    {
        (byte[] Buffer, int Length) datagram;
        lock (_queue)
        {
            var deadline = waitMillis > 0 ? Environment.TickCount64 + waitMillis : long.MaxValue;
            while (_queue.Count == 0 && !_closed)
            {
                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return -1;
                }

                Monitor.Wait(_queue, waitMillis > 0 ? (int)remaining : Timeout.Infinite);
            }

            ObjectDisposedException.ThrowIf(_closed, this);
            datagram = _queue.Dequeue();
        }

        // A datagram larger than the caller's buffer is truncated; the record layer then sees a
        // length mismatch and discards it, as it would a corrupt datagram.
        var length = Math.Min(datagram.Length, buffer.Length);
        datagram.Buffer.AsSpan(0, length).CopyTo(buffer);
        ArrayPool<byte>.Shared.Return(datagram.Buffer);
        return length;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    /// <summary>Hands a datagram to the leg's callback; a closed leg sends nothing.</summary>
    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (!IsClosed)
        {
            _send(buffer);
        }
    }

    /// <summary>Marks the transport closed, wakes a blocked Receive and returns queued buffers. Idempotent.</summary>
    public void Close()
    {
        lock (_queue)
        {
            _closed = true;
            while (_queue.TryDequeue(out var datagram))
            {
                ArrayPool<byte>.Shared.Return(datagram.Buffer);
            }

            Monitor.PulseAll(_queue);
        }
    }
}
