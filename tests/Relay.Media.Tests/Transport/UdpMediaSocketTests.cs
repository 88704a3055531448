using System.Net;
using System.Net.Sockets;
using Relay.Media.Transport;

namespace Relay.Media.Tests.Transport;

public sealed class UdpMediaSocketTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    public async Task Replies_sent_from_the_receive_thread_arrive_whole_and_in_order(int batchMicroseconds)
    {
        // Each request is answered with a run of equal datagrams, a shorter last one, and one to a
        // second peer in between: the send batch must keep every datagram's bytes, boundaries,
        // order and destination however it groups them.
        using var first = Client();
        using var second = Client();
        await using var socket = UdpMediaSocket.Bind(0, TimeSpan.FromMicroseconds(batchMicroseconds));
        socket.Start(new ReplyingHandler(socket, (IPEndPoint)second.LocalEndPoint!));
        var relay = new IPEndPoint(IPAddress.Loopback, socket.LocalEndPoint.Port);

        const int Requests = 100;
        for (var i = 0; i < Requests; i++)
        {
            first.SendTo([(byte)i], relay);
        }

        var buffer = new byte[2048];
        for (var request = 0; request < Requests; request++)
        {
            foreach (var length in ReplyingHandler.Lengths)
            {
                var received = first.Receive(buffer);
                Assert.Equal(length, received);
                Assert.All(buffer.AsSpan(0, received).ToArray(), b => Assert.Equal((byte)(request + length), b));
            }

            Assert.Equal(1, second.Receive(buffer));
            Assert.Equal((byte)request, buffer[0]);
        }

        Assert.Equal(0, socket.HandlerFaults);
    }

    [Fact]
    public async Task A_handler_that_throws_is_counted_and_the_loop_goes_on()
    {
        using var client = Client();
        var handler = new ThrowingHandler();
        await using var socket = UdpMediaSocket.Bind(0, TimeSpan.FromMicroseconds(500));
        socket.Start(handler);
        var relay = new IPEndPoint(IPAddress.Loopback, socket.LocalEndPoint.Port);

        client.SendTo([1], relay);
        client.SendTo([2], relay);
        Assert.True(handler.SecondSeen.Wait(Patience));
        Assert.Equal(1, socket.HandlerFaults);
    }

    [Fact]
    public async Task Disposing_an_idle_socket_stops_its_receive_thread_at_once()
    {
        var socket = UdpMediaSocket.Bind(0, TimeSpan.FromMilliseconds(1));
        socket.Start(new ThrowingHandler());
        var dispose = socket.DisposeAsync().AsTask();
        Assert.Same(dispose, await Task.WhenAny(dispose, Task.Delay(Patience)));
    }

    private static Socket Client()
    {
        // Room for every reply at once: the test reads only after sending all requests.
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = (int)Patience.TotalMilliseconds, ReceiveBufferSize = 4 * 1024 * 1024 };
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return client;
    }

    private sealed class ReplyingHandler(UdpMediaSocket socket, IPEndPoint second) : IDatagramHandler
    {
        public static readonly int[] Lengths = [1200, 1200, 1200, 900, 1200, 1];

        private readonly SocketAddress _second = Mapped(second).Serialize();
        private readonly byte[] _reply = new byte[1500];

        public void OnDatagram(Span<byte> datagram, SocketAddress remote)
        {
            var request = datagram[0];
            for (var i = 0; i < Lengths.Length; i++)
            {
                if (i == 3)
                {
                    socket.Send([request], _second);
                }

                var reply = _reply.AsSpan(0, Lengths[i]);
                reply.Fill((byte)(request + Lengths[i]));
                socket.Send(reply, remote);
            }
        }

        private static IPEndPoint Mapped(IPEndPoint endPoint) => new(endPoint.Address.MapToIPv6(), endPoint.Port);
    }

    private sealed class ThrowingHandler : IDatagramHandler
    {
        public ManualResetEventSlim SecondSeen { get; } = new();

        public void OnDatagram(Span<byte> datagram, SocketAddress remote)
        {
            if (datagram[0] == 1)
            {
                throw new InvalidOperationException("A bug in a handler.");
            }

            SecondSeen.Set();
        }
    }
}
