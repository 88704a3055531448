using System.Net;

namespace Relay.Media.Transport;

/// <summary>A browser address on the shared UDP socket. <paramref name="remote"/> is owned by the path (a copy, never the receive loop's buffer).</summary>
internal sealed class UdpPath(UdpMediaSocket socket, SocketAddress remote) : MediaPath
{
    public override MediaTransport Transport => MediaTransport.Udp;

    public override SocketAddress RemoteAddress { get; } = remote;

    internal override void Send(ReadOnlySpan<byte> packet) => socket.Send(packet, RemoteAddress);
}
