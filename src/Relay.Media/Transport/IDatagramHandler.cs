using System.Net;

namespace Relay.Media.Transport;

/// <summary>
/// Receives every datagram of the relay's UDP socket, on the socket's single receive thread.
/// The span and the address are reused for the next datagram: copy what must outlive the call.
/// </summary>
public interface IDatagramHandler
{
    void OnDatagram(Span<byte> datagram, SocketAddress remote);
}
