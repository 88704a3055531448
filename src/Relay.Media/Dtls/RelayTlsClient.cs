using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using BcCertificateRequest = Org.BouncyCastle.Tls.CertificateRequest;

namespace Relay.Media.Dtls;

/// <summary>
/// The BouncyCastle client peer for our own test peer and load generator: the mirror of
/// <see cref="RelayTlsServer"/>. It is its own <see cref="TlsAuthentication"/>: it pins the
/// server certificate to the SDP fingerprint and always presents its certificate.
/// Used by one handshake on one thread.
/// </summary>
internal sealed class RelayTlsClient : DefaultTlsClient, TlsAuthentication
{
    private readonly DtlsHandshakeState _state;
    private readonly BcTlsCrypto _crypto;

    internal RelayTlsClient(BcTlsCrypto crypto, DtlsHandshakeState state)
        : base(crypto)
    {
        _crypto = crypto;
        _state = state;
    }

    public override int GetHandshakeResendTimeMillis() => _state.RetransmitMillis;

    public override bool RequiresExtendedMasterSecret() => true;

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(_state.ProfileIds(), []));
        return extensions;
    }

    /// <summary>RFC 5764 §4.1.1: the server must answer with exactly one of the offered profiles.</summary>
    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);

        var selected = TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions)?.ProtectionProfiles;
        if (selected is not [var id])
        {
            throw _state.Reject(DtlsFailure.NoCommonSrtpProfile, AlertDescription.illegal_parameter,
                "The server did not select exactly one SRTP protection profile.");
        }

        foreach (var profile in _state.Options.SrtpProfiles)
        {
            if ((int)profile == id)
            {
                _state.Profile = profile;
                return;
            }
        }

        throw _state.Reject(DtlsFailure.NoCommonSrtpProfile, AlertDescription.illegal_parameter,
            "The server selected an SRTP protection profile we did not offer.");
    }

    public override TlsAuthentication GetAuthentication() => this;

    /// <summary>
    /// Pins the server certificate; BouncyCastle then checks the ServerKeyExchange signature with
    /// its key, which proves the server holds it.
    /// </summary>
    public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
        _state.VerifyPeerCertificate(serverCertificate.Certificate);

    public TlsCredentials GetClientCredentials(BcCertificateRequest certificateRequest) =>
        _state.CreateSigner(m_context, _crypto);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        _state.Complete(m_context);
    }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsHandshakeState.CipherSuites;
}
