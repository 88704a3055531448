using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Relay.Media.Dtls;

/// <summary>
/// The DTLS server side of a leg: what the relay is for every browser, since it answers offers
/// with <c>a=setup:passive</c> (RFC 5763 §5). Requires the browser's certificate and pins it to
/// the fingerprint from the browser's SDP.
/// </summary>
public sealed class DtlsServer : DtlsEndpoint
{
    /// <summary>Creates a server endpoint; call <see cref="DtlsEndpoint.Start"/> to begin.</summary>
    /// <param name="certificate">Our certificate, usually <see cref="DtlsCertificate.Shared"/>.</param>
    /// <param name="expectedClientFingerprint">The <c>a=fingerprint</c> from the remote SDP.</param>
    /// <param name="send">Sends a datagram to the leg's remote address.</param>
    /// <param name="options">Shared settings; <see cref="DtlsOptions.Default"/> when null.</param>
    public DtlsServer(
        DtlsCertificate certificate, DtlsFingerprint expectedClientFingerprint, DtlsSendCallback send,
        DtlsOptions? options = null)
        : base(certificate, expectedClientFingerprint, send, options)
    {
    }

    /// <inheritdoc/>
    public override bool IsServer => true;

    /// <summary>
    /// No HelloVerifyRequest cookie exchange (RFC 6347 §4.2.1): ICE connectivity checks have
    /// already proved the address, and the cookie costs a round trip (MEDIA-NOTES pitfall 5).
    /// </summary>
    private protected override DtlsTransport Handshake(BcTlsCrypto crypto, DtlsHandshakeState state, DatagramTransport transport) =>
        new DtlsServerProtocol().Accept(new RelayTlsServer(crypto, state), transport);
}
