using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Relay.Media.Dtls;

/// <summary>
/// The DTLS client side of a leg, for our own test peer and load generator (the role a browser
/// plays against the relay). Presents its certificate and pins the server's to the fingerprint
/// from the server's SDP.
/// </summary>
public sealed class DtlsClient : DtlsEndpoint
{
    /// <summary>Creates a client endpoint; call <see cref="DtlsEndpoint.Start"/> to send the ClientHello.</summary>
    /// <param name="certificate">Our certificate.</param>
    /// <param name="expectedServerFingerprint">The <c>a=fingerprint</c> from the server's SDP.</param>
    /// <param name="send">Sends a datagram to the server.</param>
    /// <param name="options">Shared settings; <see cref="DtlsOptions.Default"/> when null.</param>
    public DtlsClient(
        DtlsCertificate certificate, DtlsFingerprint expectedServerFingerprint, DtlsSendCallback send,
        DtlsOptions? options = null)
        : base(certificate, expectedServerFingerprint, send, options)
    {
    }

    /// <inheritdoc/>
    public override bool IsServer => false;

    private protected override DtlsTransport Handshake(BcTlsCrypto crypto, DtlsHandshakeState state, DatagramTransport transport) =>
        new DtlsClientProtocol().Connect(new RelayTlsClient(crypto, state), transport);
}
