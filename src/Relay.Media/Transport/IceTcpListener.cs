using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Relay.Media.Transport;

/// <summary>
/// The relay's passive ICE-TCP port (RFC 6544 §4.1, <c>tcptype passive</c>): accepts browsers'
/// connections and runs each as an <see cref="IceTcpConnection"/>. A dual-mode IPv6 socket serves
/// IPv4 peers too. Hardening lives here: a connection limit, a limit of unbound connections per
/// address, a deadline for binding to a leg, an idle timeout; the frame bound and the send-queue
/// bound live in the connection.
/// </summary>
/// <remarks>
/// The accept loop is one async loop; a timer checks the deadlines. Which frames a connection may
/// carry before it is bound (only STUN) is the handler's rule, since only it can verify a check.
/// </remarks>
public sealed class IceTcpListener : IAsyncDisposable
{
    private const int Backlog = 128;

    private readonly Socket _socket;
    private readonly IceTcpLimits _limits;
    private readonly Rfc4571Framer _framer;
    private readonly IoQueue[] _sendQueues;
    private readonly FrameBlockPool _pool = new();
    private readonly ConcurrentDictionary<IceTcpConnection, byte> _connections = new();
    private readonly Dictionary<IPAddress, int> _unboundByAddress = [];
    private readonly Lock _unboundGate = new();
    private readonly CancellationTokenSource _stop = new();
    private Timer? _timer;
    private Task _acceptLoop = Task.CompletedTask;
    private IIceTcpHandler? _handler;
    private int _nextQueue;

    private IceTcpListener(Socket socket, IceTcpLimits limits)
    {
        _socket = socket;
        _limits = limits;
        _framer = new Rfc4571Framer(limits.MaxFrameLength);
        _sendQueues = new IoQueue[Math.Max(1, Environment.ProcessorCount)];
        for (var i = 0; i < _sendQueues.Length; i++)
        {
            _sendQueues[i] = new IoQueue();
        }

        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public IceTcpCounters Counters { get; } = new();

    /// <summary>Connections open now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>The open connections (diagnostics and tests).</summary>
    public IEnumerable<IceTcpConnection> Connections => _connections.Keys;

    internal IIceTcpHandler Handler => _handler ?? throw new InvalidOperationException("The listener has not started.");

    public static IceTcpListener Bind(int port, IceTcpLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new IceTcpListener(socket, limits);
    }

    public void Start(IIceTcpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Interlocked.CompareExchange(ref _handler, handler, null) is not null)
        {
            throw new InvalidOperationException("The listener is already accepting.");
        }

        // Often enough that a deadline is kept to within a quarter of the shorter timeout.
        var shorter = _limits.UnboundTimeout < _limits.IdleTimeout ? _limits.UnboundTimeout : _limits.IdleTimeout;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(shorter.TotalMilliseconds / 4, 50, 1000));
        _timer = new Timer(static state => ((IceTcpListener)state!).CheckDeadlines(), this, period, period);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    internal void OnClosed(IceTcpConnection connection)
    {
        ReleaseUnboundSlot(connection);
        if (_connections.TryRemove(connection, out _))
        {
            _handler?.OnClosed(connection);
        }
    }

    /// <summary>Once per connection, when it binds or closes unbound.</summary>
    internal void ReleaseUnboundSlot(IceTcpConnection connection)
    {
        if (!connection.TryGiveUpUnboundSlot())
        {
            return;
        }

        var address = PeerAddress(connection.RemoteEndPoint.Address);
        lock (_unboundGate)
        {
            if (_unboundByAddress.TryGetValue(address, out var count) && count > 1)
            {
                _unboundByAddress[address] = count - 1;
            }
            else
            {
                _unboundByAddress.Remove(address);
            }
        }
    }

    private bool TryTakeUnboundSlot(IPAddress address)
    {
        lock (_unboundGate)
        {
            var count = _unboundByAddress.GetValueOrDefault(address);
            if (count >= _limits.MaxUnboundPerAddress)
            {
                return false;
            }

            _unboundByAddress[address] = count + 1;
            return true;
        }
    }

    /// <summary>The dual-mode socket reports IPv4 peers as IPv4-mapped IPv6; one address, one key.</summary>
    private static IPAddress PeerAddress(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private async Task AcceptLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                // A connection reset before we took it; the listener itself is fine.
                continue;
            }

            IPEndPoint remote;
            try
            {
                // Media is latency-bound: small frames go out now, not after Nagle's delay.
                accepted.NoDelay = true;
                remote = (IPEndPoint)accepted.RemoteEndPoint!;
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Reset between accept and set-up (RemoteEndPoint is gone).
                accepted.Dispose();
                continue;
            }

            // Single accept loop: the count cannot grow between this check and the add.
            if (_connections.Count >= _limits.MaxConnections)
            {
                Counters.OnRejected(TcpRejectReason.ConnectionLimit);
                accepted.Dispose();
                continue;
            }

            if (!TryTakeUnboundSlot(PeerAddress(remote.Address)))
            {
                Counters.OnRejected(TcpRejectReason.UnboundPerAddressLimit);
                accepted.Dispose();
                continue;
            }

            var queue = _sendQueues[(uint)_nextQueue++ % (uint)_sendQueues.Length];
            var connection = new IceTcpConnection(accepted, remote, this, _framer, _limits, queue, _pool);

            _connections.TryAdd(connection, 0);
            Counters.OnAccepted();
            connection.Start();
        }
    }

    private void CheckDeadlines()
    {
        var now = Environment.TickCount64;
        foreach (var (connection, _) in _connections)
        {
            if (!connection.IsBound && now - connection.AcceptedAt > _limits.UnboundTimeout.TotalMilliseconds)
            {
                connection.Close(TcpCloseReason.UnboundTimeout);
            }
            else if (now - connection.LastReceived > _limits.IdleTimeout.TotalMilliseconds)
            {
                connection.Close(TcpCloseReason.IdleTimeout);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        _socket.Dispose();
        await _acceptLoop;
        var closing = new List<Task>();
        foreach (var (connection, _) in _connections)
        {
            connection.Close(TcpCloseReason.Shutdown);
            closing.Add(connection.Completion);
        }

        await Task.WhenAll(closing);
        Counters.Dispose();
        _stop.Dispose();
    }
}
