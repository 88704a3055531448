namespace Relay.Media.Srtp;

/// <summary>Our side of the DTLS handshake, which decides which half of the keying material is ours.</summary>
public enum SrtpRole
{
    /// <summary>We sent the ClientHello (the client-role test peer).</summary>
    Client,

    /// <summary>We answered it (the relay, <c>a=setup:passive</c>).</summary>
    Server,
}
