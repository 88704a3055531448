namespace Relay.Media.Transport;

/// <summary>
/// What <see cref="Rfc4571Framer.TryReadFrame"/> found at the head of an ICE-TCP stream; the two
/// errors double as metric labels for why a connection was closed.
/// </summary>
public enum Rfc4571ReadStatus : byte
{
    /// <summary>A whole frame was read and the buffer advanced past it.</summary>
    Frame = 0,

    /// <summary>The buffer holds only part of a frame (or of its length); nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>
    /// The length field exceeds the configured maximum. Nothing was consumed: the stream cannot be
    /// resynchronised (RFC 4571 §2 has no frame delimiter), so the caller must close the connection.
    /// </summary>
    FrameTooLarge,

    /// <summary>
    /// The length field is zero. No RTP, RTCP, STUN or DTLS packet is empty, so a peer that sends
    /// one is broken or hostile; nothing was consumed and the caller must close the connection.
    /// </summary>
    EmptyFrame,
}
