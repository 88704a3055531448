using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using BcCertificate = Org.BouncyCastle.Tls.Certificate;
using BcCertificateRequest = Org.BouncyCastle.Tls.CertificateRequest;

namespace Relay.Media.Dtls;

/// <summary>
/// The BouncyCastle server peer for a browser leg: DTLS 1.2, ECDHE_ECDSA AEAD suites,
/// use_srtp chosen by our preference, a mandatory client certificate pinned to the SDP
/// fingerprint. Used by one handshake on one thread, as BouncyCastle requires.
/// </summary>
internal sealed class RelayTlsServer : DefaultTlsServer
{
    private readonly DtlsHandshakeState _state;
    private readonly BcTlsCrypto _crypto;

    internal RelayTlsServer(BcTlsCrypto crypto, DtlsHandshakeState state)
        : base(crypto)
    {
        _crypto = crypto;
        _state = state;
    }

    public override int GetHandshakeResendTimeMillis() => _state.RetransmitMillis;

    /// <summary>RFC 5705 export, which SRTP keying uses, is only safe with RFC 7627; every browser offers it.</summary>
    public override bool RequiresExtendedMasterSecret() => true;

    /// <summary>
    /// Picks the first of our profiles that the client offers (RFC 5764 §4.1.1). A client that
    /// does not offer use_srtp cannot carry media, so the handshake stops here.
    /// </summary>
    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);

        var offered = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions)?.ProtectionProfiles ?? [];
        foreach (var profile in _state.Options.SrtpProfiles)
        {
            if (Array.IndexOf(offered, (int)profile) >= 0)
            {
                _state.Profile = profile;
                return;
            }
        }

        throw _state.Reject(DtlsFailure.NoCommonSrtpProfile, AlertDescription.handshake_failure,
            "The client offers no SRTP protection profile we support.");
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        // RFC 5764 §4.1.1: the answer names exactly one profile; we use no MKI.
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)_state.Profile!.Value], []));
        return extensions;
    }

    /// <summary>
    /// Always asks for a certificate: the fingerprint in the browser's SDP is only meaningful if
    /// the browser proves it holds that certificate's key (RFC 5763 §5).
    /// </summary>
    public override BcCertificateRequest GetCertificateRequest() => new(
        [ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign],
        TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context),
        null);

    /// <summary>
    /// Runs before the client's CertificateVerify is processed; BouncyCastle then verifies that
    /// signature with this certificate's public key, so a copied certificate without its key fails.
    /// </summary>
    public override void NotifyClientCertificate(BcCertificate clientCertificate) =>
        _state.VerifyPeerCertificate(clientCertificate);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        _state.Complete(m_context);
    }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsHandshakeState.CipherSuites;

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => _state.CreateSigner(m_context, _crypto);
}
