using System.Net;

namespace Relay.Media.Transport;

/// <summary>
/// One verified way to reach a leg's browser: a remote address on the shared UDP socket, or one
/// ICE-TCP connection. A UDP and a TCP path never compare equal, even from the same ip:port:
/// UDP paths are told apart by address, TCP paths by connection (each is its own object).
/// </summary>
/// <remarks>Sending is thread-safe and never blocks: UDP hands the datagram to the kernel, TCP queues a frame.</remarks>
public abstract class MediaPath
{
    private protected MediaPath()
    {
    }

    public abstract MediaTransport Transport { get; }

    /// <summary>The browser's address as this path sees it (the connection's remote end for TCP).</summary>
    public abstract SocketAddress RemoteAddress { get; }

    /// <summary>
    /// When a verified check last arrived on this path (Environment.TickCount64 milliseconds);
    /// written and read under the lock of the leg that holds the path.
    /// </summary>
    internal long LastVerified { get; set; }

    /// <summary>Sends one packet; a failure is loss, as for UDP, and is counted where it happens.</summary>
    internal abstract void Send(ReadOnlySpan<byte> packet);
}
