using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Relay.Media.Transport;

namespace Relay.Media.Tests.Sessions;

/// <summary>A raw TCP socket at the relay's ICE-TCP port, for tests that play a hostile or broken peer.</summary>
internal sealed class TcpWire : IDisposable
{
    private TcpWire(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public IPEndPoint LocalEndPoint => (IPEndPoint)Socket.LocalEndPoint!;

    public static async Task<TcpWire> ConnectAsync(RelayHarness harness, int? receiveBufferSize = null, IPEndPoint? bindTo = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        socket.Bind(bindTo ?? new IPEndPoint(IPAddress.Loopback, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, harness.Relay.TcpEndPoint!.Port));
        return new TcpWire(socket);
    }

    public static byte[] Frame(ReadOnlySpan<byte> packet)
    {
        var frame = new byte[Rfc4571Framer.GetFrameSize(packet.Length)];
        Assert.True(Rfc4571Framer.TryWriteFrame(packet, frame, out _));
        return frame;
    }

    public Task SendFrameAsync(ReadOnlySpan<byte> packet) => SendRawAsync(Frame(packet));

    public async Task SendRawAsync(byte[] bytes) => await Socket.SendAsync(bytes, SocketFlags.None);

    /// <summary>The next frame's payload, or null when the relay closed the connection (FIN or reset) first.</summary>
    public async Task<byte[]?> ReadFrameAsync()
    {
        using var timeout = new CancellationTokenSource(RelayHarness.Bound);
        var header = new byte[Rfc4571Framer.HeaderSize];
        if (!await ReadExactlyAsync(header, timeout.Token))
        {
            return null;
        }

        var payload = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
        return await ReadExactlyAsync(payload, timeout.Token) ? payload : null;
    }

    /// <summary>Waits until the relay has closed the connection, discarding anything it sent before.</summary>
    public async Task WaitClosedAsync()
    {
        using var timeout = new CancellationTokenSource(RelayHarness.Bound);
        var buffer = new byte[2048];
        try
        {
            while (await Socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // A reset is a close too.
        }
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        try
        {
            while (read < buffer.Length)
            {
                var received = await Socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
                if (received == 0)
                {
                    return false;
                }

                read += received;
            }
        }
        catch (SocketException)
        {
            return false;
        }

        return true;
    }

    public void Dispose() => Socket.Dispose();
}
