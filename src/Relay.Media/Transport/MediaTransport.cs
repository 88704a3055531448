namespace Relay.Media.Transport;

/// <summary>How a leg's packets travel: the shared UDP socket or an ICE-TCP connection (RFC 6544). Also a metric label.</summary>
public enum MediaTransport : byte
{
    Udp = 0,
    Tcp,
}
