using System.Net;
using System.Net.Sockets;
using Relay.Media.Transport.Linux;

namespace Relay.Media.Transport;

/// <summary>
/// The one UDP socket every leg shares. A dual-mode IPv6 socket serves IPv4 peers too (their
/// addresses arrive IPv4-mapped). One receive thread, allocation-free: on Linux it works in
/// batches (<see cref="BatchedReceiveLoop"/>); elsewhere it receives one datagram per call, with
/// the <see cref="SocketAddress"/> overloads that avoid an <see cref="EndPoint"/> per datagram
/// (dotnet/runtime#30797). Sending is thread-safe, so any thread may send.
/// </summary>
public sealed class UdpMediaSocket : IAsyncDisposable
{
    /// <summary>Larger than any datagram we accept, so an oversized one shows as such instead of arriving cut.</summary>
    private const int ReceiveBufferSize = 2048;

    /// <summary>Room for the largest packet a leg sends (1,500 bytes plus SRTP's tag and index).</summary>
    private const int SendSlotSize = 1600;

    private readonly Socket _socket;
    private readonly TimeSpan _batchInterval;
    private BatchedReceiveLoop? _batched;
    private Thread? _thread;
    private int _receiveThreadId;
    private volatile bool _stopping;
    private long _handlerFaults;

    private UdpMediaSocket(Socket socket, TimeSpan batchInterval)
    {
        _socket = socket;
        _batchInterval = batchInterval;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Datagrams received that the handler threw on; the loop went on.</summary>
    public long HandlerFaults => Interlocked.Read(ref _handlerFaults);

    /// <param name="port">The UDP port (0 picks a free one).</param>
    /// <param name="batchInterval">
    /// On Linux, how long the receive thread lets datagrams gather between batches while media
    /// flows: the most latency it adds. Zero takes each datagram as soon as it arrives.
    /// </param>
    public static UdpMediaSocket Bind(int port, TimeSpan batchInterval)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        try
        {
            // Media bursts (a key frame is dozens of packets) must not overflow the kernel queue.
            socket.ReceiveBufferSize = 4 * 1024 * 1024;
            socket.SendBufferSize = 4 * 1024 * 1024;
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new UdpMediaSocket(socket, batchInterval);
    }

    public void Start(IDatagramHandler handler)
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("The socket is already receiving.");
        }

        if (OperatingSystem.IsLinux())
        {
            _batched = new BatchedReceiveLoop(_socket, ReceiveBufferSize, SendSlotSize, _batchInterval);
            var batched = _batched;
            _thread = new Thread(() => batched.Run((datagram, remote) => Deliver(handler, datagram, remote)));
        }
        else
        {
            _thread = new Thread(() => ReceiveLoop(handler));
        }

        _thread.IsBackground = true;
        _thread.Name = "media receive";
        _receiveThreadId = _thread.ManagedThreadId;
        _thread.Start();
    }

    public void Send(ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        // What the receive thread sends while handling a batch leaves with the batch.
        if (_batched is { } batched && Environment.CurrentManagedThreadId == _receiveThreadId && batched.Sends.TryAdd(datagram, remote))
        {
            return;
        }

        try
        {
            _socket.SendTo(datagram, SocketFlags.None, remote);
        }
        catch (SocketException)
        {
            // UDP has no delivery promise; a failed send (unreachable, buffer full) is loss.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// A dedicated thread in a blocking receive, one datagram per call. The async loop this
    /// replaced cost ~6 context switches per datagram (epoll thread → thread pool → back).
    /// </summary>
    private void ReceiveLoop(IDatagramHandler handler)
    {
        var buffer = new byte[ReceiveBufferSize];
        var remote = new SocketAddress(AddressFamily.InterNetworkV6);
        while (!_stopping)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, remote);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                // Disposal interrupts the blocking call with an error; otherwise an ICMP error for an
                // earlier send surfaces here on some systems, which is not ours to stop for.
                continue;
            }

            Deliver(handler, buffer.AsSpan(0, length), remote);
        }
    }

    private void Deliver(IDatagramHandler handler, Span<byte> datagram, SocketAddress remote)
    {
        try
        {
            handler.OnDatagram(datagram, remote);
        }
#pragma warning disable CA1031 // One bad datagram must never stop the relay; the fault is counted.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _handlerFaults);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping = true;
        if (_batched is { } batched)
        {
            // The loop holds the socket handle; it must be out of it before the socket closes.
            batched.Stop();
            _thread?.Join();
            _socket.Dispose();
            batched.Dispose();
        }
        else
        {
            _socket.Dispose();
            _thread?.Join();
        }

        return ValueTask.CompletedTask;
    }
}
