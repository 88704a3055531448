using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Relay.Network.Tests.Bed;

/// <summary>
/// A user-space UDP proxy adding delay with jitter each way (the kernel here has no netem). Each
/// client address gets its own socket towards the relay, so the relay sees one peer per browser
/// leg, as through a NAT. Test code, not the relay's hot path: a byte array per datagram is fine.
/// </summary>
internal sealed class UdpDelayProxy : IAsyncDisposable
{
    private const int MaxDatagram = 2048;

    // Far above the default (~200 KB): with two browsers encoding 720p on two cores the proxy's
    // loops can be kept off the CPU for a while, and a default buffer then overflows and drops
    // media the relay would have to repair: loss the delay condition is not meant to add.
    private const int SocketBufferBytes = 4 * 1024 * 1024;

    private readonly Socket _front;
    private readonly IPAddress _address;
    private readonly IPEndPoint _target;
    private readonly TimeSpan _delay;
    private readonly TimeSpan _jitter;
    private readonly ConcurrentDictionary<IPEndPoint, Flow> _flows = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private long _upstreamDatagrams;
    private long _downstreamDatagrams;

    private UdpDelayProxy(IPAddress address, IPEndPoint target, TimeSpan delay, TimeSpan jitter)
    {
        _address = address;
        _target = target;
        _delay = delay;
        _jitter = jitter;
        _front = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = SocketBufferBytes, SendBufferSize = SocketBufferBytes };
        _front.Bind(new IPEndPoint(address, 0));
        Port = ((IPEndPoint)_front.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public long UpstreamDatagrams => Interlocked.Read(ref _upstreamDatagrams);

    public long DownstreamDatagrams => Interlocked.Read(ref _downstreamDatagrams);

    public static UdpDelayProxy Start(IPAddress address, IPEndPoint target, TimeSpan delay, TimeSpan jitter)
    {
        var proxy = new UdpDelayProxy(address, target, delay, jitter);
        lock (proxy._tasks)
        {
            proxy._tasks.Add(proxy.ReceiveFromClientsAsync());
        }

        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _front.Dispose();
        foreach (var flow in _flows.Values)
        {
            flow.Socket.Dispose();
        }

        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks];
        }

        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReceiveFromClientsAsync()
    {
        var buffer = new byte[MaxDatagram];
        var any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _front.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stop.IsCancellationRequested)
            {
                return;
            }

            var flow = _flows.GetOrAdd((IPEndPoint)received.RemoteEndPoint, OpenFlow);
            flow.Upstream.Enqueue(buffer.AsSpan(0, received.ReceivedBytes).ToArray());
        }
    }

    private Flow OpenFlow(IPEndPoint client)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = SocketBufferBytes, SendBufferSize = SocketBufferBytes };
        socket.Bind(new IPEndPoint(_address, 0));
        socket.Connect(_target);
        var upstream = new DelayLine(_delay, _jitter, async datagram =>
        {
            await socket.SendAsync(datagram, SocketFlags.None, _stop.Token);
            Interlocked.Increment(ref _upstreamDatagrams);
        });
        var downstream = new DelayLine(_delay, _jitter, async datagram =>
        {
            await _front.SendToAsync(datagram, SocketFlags.None, client, _stop.Token);
            Interlocked.Increment(ref _downstreamDatagrams);
        });
        var flow = new Flow(client, socket, upstream, downstream);
        lock (_tasks)
        {
            _tasks.Add(flow.Upstream.RunAsync(_stop.Token));
            _tasks.Add(flow.Downstream.RunAsync(_stop.Token));
            _tasks.Add(ReceiveFromRelayAsync(flow));
        }

        return flow;
    }

    private async Task ReceiveFromRelayAsync(Flow flow)
    {
        var buffer = new byte[MaxDatagram];
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await flow.Socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP port unreachable from a relay that stopped listening: keep going until disposed.
                continue;
            }

            flow.Downstream.Enqueue(buffer.AsSpan(0, length).ToArray());
        }
    }

    /// <summary>One client's two directions; each line is fed by one receive loop only.</summary>
    private sealed record Flow(IPEndPoint Client, Socket Socket, DelayLine Upstream, DelayLine Downstream);
}
