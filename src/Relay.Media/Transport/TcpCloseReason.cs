namespace Relay.Media.Transport;

/// <summary>Why the relay closed an ICE-TCP connection. The names are metric label values: keep them stable.</summary>
public enum TcpCloseReason : byte
{
    /// <summary>The browser closed it (FIN).</summary>
    RemoteClosed = 0,

    /// <summary>The connection was reset or a read failed.</summary>
    ReceiveFailed,

    /// <summary>A send failed (reset, or the peer stopped reading and the kernel gave up).</summary>
    SendFailed,

    /// <summary>A length prefix beyond the frame bound (RFC 4571 has no resynchronisation, so the stream is lost).</summary>
    FrameTooLarge,

    /// <summary>A zero length prefix: no STUN, DTLS, RTP or RTCP packet is empty.</summary>
    EmptyFrame,

    /// <summary>No verified check bound it to a leg in time.</summary>
    UnboundTimeout,

    /// <summary>Nothing received for the idle timeout.</summary>
    IdleTimeout,

    /// <summary>The leg it carried ended.</summary>
    LegEnded,

    /// <summary>The relay is stopping.</summary>
    Shutdown,
}
