using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Relay.Media.Transport;

/// <summary>
/// One accepted ICE-TCP connection (RFC 6544, the relay's passive end): RFC 4571 frames in and
/// out. It is also the <see cref="MediaPath"/> a leg sends on once a verified check bound it.
/// </summary>
/// <remarks>
/// <para>Receiving: one async loop reads through a <see cref="PipeReader"/>, cuts frames with the
/// shared <see cref="Rfc4571Framer"/>, copies each into the connection's own buffer (the relay
/// decrypts in place) and hands it to the <see cref="IIceTcpHandler"/>. A bad length closes the
/// connection: the stream cannot be resynchronised.</para>
/// <para>Sending never blocks the caller (the UDP receive thread, a DTLS handshake thread, a
/// timer): <see cref="Send"/> frames the packet into a <see cref="Pipe"/> under a short lock and
/// returns; the send loop writes the queue to the socket, many frames per call. The queue is
/// bounded by <see cref="IceTcpLimits.SendQueueBytes"/>; what does not fit is dropped and counted.</para>
/// </remarks>
public sealed class IceTcpConnection : MediaPath
{
    private readonly Socket _socket;
    private readonly IceTcpListener _listener;
    private readonly Rfc4571Framer _framer;
    private readonly Pipe _outbound;
    private readonly Lock _sendGate = new();
    private readonly byte[] _frame;
    private readonly int _maxQueuedBytes;
    private readonly MemoryPool<byte> _pool;
    private Task _loops = Task.CompletedTask;
    private Task _sendLoop = Task.CompletedTask;
    private long _queuedBytes;
    private long _lastReceived;
    private int _closed;
    private volatile bool _bound;
    private int _holdsUnboundSlot = 1;

    internal IceTcpConnection(Socket socket, IPEndPoint remote, IceTcpListener listener, Rfc4571Framer framer, IceTcpLimits limits, PipeScheduler sendScheduler, MemoryPool<byte> pool)
    {
        _pool = pool;
        _socket = socket;
        _listener = listener;
        _framer = framer;
        _maxQueuedBytes = limits.SendQueueBytes;
        _frame = new byte[framer.MaxFrameLength];
        // Never pauses the writer (threshold 0): the bound is ours, checked before each write,
        // so FlushAsync always completes at once and a caller never waits for the network.
        _outbound = new Pipe(new PipeOptions(
            pool: pool,
            readerScheduler: sendScheduler,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0,
            resumeWriterThreshold: 0,
            useSynchronizationContext: false));
        RemoteEndPoint = remote;
        RemoteAddress = RemoteEndPoint.Serialize();
        AcceptedAt = Environment.TickCount64;
        _lastReceived = AcceptedAt;
    }

    public override MediaTransport Transport => MediaTransport.Tcp;

    public override SocketAddress RemoteAddress { get; }

    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>When the connection was accepted (Environment.TickCount64 milliseconds).</summary>
    public long AcceptedAt { get; }

    /// <summary>When bytes last arrived (Environment.TickCount64 milliseconds).</summary>
    public long LastReceived => Interlocked.Read(ref _lastReceived);

    /// <summary>True once a verified check has bound the connection to a leg; before that only STUN is accepted.</summary>
    public bool IsBound => _bound;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Set once, when the connection closes.</summary>
    public TcpCloseReason? CloseReason { get; private set; }

    /// <summary>Completes when both loops have ended and the pipes' buffers are returned.</summary>
    public Task Completion => _loops;

    /// <summary>Framed bytes waiting to be sent (diagnostics and tests).</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    internal void MarkBound()
    {
        _bound = true;
        _listener.ReleaseUnboundSlot(this);
    }

    /// <summary>True the first time only: binding and closing both give the slot back, whichever comes first.</summary>
    internal bool TryGiveUpUnboundSlot() => Interlocked.Exchange(ref _holdsUnboundSlot, 0) == 1;

    internal void Start()
    {
        _sendLoop = Task.Run(SendLoopAsync);
        _loops = Task.WhenAll(Task.Run(ReceiveLoopAsync), _sendLoop);
    }

    /// <summary>Queues one packet as an RFC 4571 frame; false (counted) when the queue is full, false when closed.</summary>
    public bool TrySend(ReadOnlySpan<byte> packet)
    {
        // Only the inbound direction is bounded by MaxFrameLength: the relay's own packets carry
        // SRTP's tag on top, and a browser reads frames up to the 16-bit limit.
        if (packet.IsEmpty || packet.Length > Rfc4571Framer.MaxPayloadLength)
        {
            return false;
        }

        var size = Rfc4571Framer.GetFrameSize(packet.Length);
        lock (_sendGate)
        {
            if (_closed != 0)
            {
                return false;
            }

            if (Interlocked.Read(ref _queuedBytes) + size > _maxQueuedBytes)
            {
                _listener.Counters.OnSendQueueFull();
                return false;
            }

            var writer = _outbound.Writer;
            Rfc4571Framer.TryWriteFrame(packet, writer.GetSpan(size), out var written);
            writer.Advance(written);
            Interlocked.Add(ref _queuedBytes, written);
            // Wakes the send loop on its scheduler; completes at once, as the writer never pauses.
            var flush = writer.FlushAsync();
            Debug.Assert(flush.IsCompleted, "A pipe with pauseWriterThreshold 0 never makes a flush wait.");
            flush.GetAwaiter().GetResult();
        }

        return true;
    }

    internal override void Send(ReadOnlySpan<byte> packet) => TrySend(packet);

    /// <summary>
    /// Closes the connection: nothing more is queued or delivered, the handler hears
    /// <see cref="IIceTcpHandler.OnClosed"/> once. Frames already queued (a leg's DTLS
    /// close_notify, sent just before its connection is closed) still go out, for at most
    /// <see cref="DrainTimeout"/>; then the socket closes. Idempotent, any thread; never called
    /// under a leg's lock by this class.
    /// </summary>
    public void Close(TcpCloseReason reason)
    {
        if (Interlocked.CompareExchange(ref _closed, 1, 0) != 0)
        {
            return;
        }

        CloseReason = reason;
        _listener.Counters.OnClosed(reason);
        lock (_sendGate)
        {
            // The send loop sends what is queued, then sees the end and completes the reader.
            _outbound.Writer.Complete();
        }

        _listener.OnClosed(this);
        _ = DisposeSocketAfterDrainAsync();
    }

    /// <summary>Long enough for a queued close_notify on a healthy path; a peer that does not read holds nothing longer.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Disposing the socket ends a pending read (and a send stuck on a peer that does not read).</summary>
    private async Task DisposeSocketAfterDrainAsync()
    {
        await Task.WhenAny(_sendLoop, Task.Delay(DrainTimeout));
        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var reason = TcpCloseReason.RemoteClosed;
        var reader = PipeReader.Create(
            new NetworkStream(_socket, ownsSocket: false),
            new StreamPipeReaderOptions(pool: _pool, bufferSize: FrameBlockPool.BlockSize, minimumReadSize: 1024, leaveOpen: true));
        try
        {
            while (!IsClosed)
            {
                var result = await reader.ReadAsync();
                Interlocked.Exchange(ref _lastReceived, Environment.TickCount64);
                var buffer = result.Buffer;
                var status = DeliverFrames(ref buffer);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (status is Rfc4571ReadStatus.FrameTooLarge or Rfc4571ReadStatus.EmptyFrame)
                {
                    reason = status == Rfc4571ReadStatus.FrameTooLarge ? TcpCloseReason.FrameTooLarge : TcpCloseReason.EmptyFrame;
                    break;
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            reason = TcpCloseReason.ReceiveFailed;
        }
        finally
        {
            await reader.CompleteAsync();
            Close(reason);
        }
    }

    /// <summary>Hands every whole frame at the head of <paramref name="buffer"/> to the handler; stops at a partial or bad one.</summary>
    private Rfc4571ReadStatus DeliverFrames(ref ReadOnlySequence<byte> buffer)
    {
        while (!IsClosed)
        {
            var status = _framer.TryReadFrame(ref buffer, out var frame);
            if (status != Rfc4571ReadStatus.Frame)
            {
                return status;
            }

            var length = (int)frame.Length;
            frame.CopyTo(_frame);
            _listener.Counters.OnFrame();
            try
            {
                _listener.Handler.OnFrame(_frame.AsSpan(0, length), this);
            }
#pragma warning disable CA1031 // One bad frame must never end the loop; the fault is counted, as on UDP.
            catch (Exception)
#pragma warning restore CA1031
            {
                _listener.Counters.OnHandlerFault();
            }
        }

        return Rfc4571ReadStatus.NeedMoreData;
    }

    private async Task SendLoopAsync()
    {
        var reader = _outbound.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    // Completes when the kernel has taken every byte; only a full socket buffer makes it wait.
                    await _socket.SendAsync(segment, SocketFlags.None);
                }

                Interlocked.Add(ref _queuedBytes, -buffer.Length);
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            Close(TcpCloseReason.SendFailed);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }
}
