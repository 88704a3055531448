namespace Relay.Media.Sessions;

/// <summary>
/// Who receives what. A leg hands its decrypted packets here; the router decides which legs
/// get them. Called on the UDP socket's receive thread or, for a leg on ICE-TCP, its
/// connection's receive loop (so legs of one router may route concurrently), except
/// <see cref="LegConnected"/> (the DTLS handshake thread, which also routes the packets that
/// arrived just before the keys) and <see cref="LegEnded"/> (whichever thread ended the leg).
/// No leg lock is held during a call.
/// </summary>
public interface IMediaRouter
{
    /// <param name="packet">Plaintext RTP in the receive buffer; the router may rewrite it in place.</param>
    void RouteRtp(MediaLeg from, MediaKind kind, Span<byte> packet);

    /// <param name="compound">A plaintext RTCP compound packet in the receive buffer.</param>
    void RouteRtcp(MediaLeg from, Span<byte> compound);

    void LegConnected(MediaLeg leg);

    void LegEnded(MediaLeg leg);
}
