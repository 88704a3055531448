using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using BcCertificate = Org.BouncyCastle.Tls.Certificate;

namespace Relay.Media.Dtls;

/// <summary>
/// What the BouncyCastle peer (server or client) and its <see cref="DtlsEndpoint"/> share for
/// one handshake: configuration in, verified facts and the failure reason out. Written only on
/// the handshake thread; the endpoint reads it on that thread after the handshake returns.
/// </summary>
internal sealed class DtlsHandshakeState
{
    /// <summary>
    /// ECDHE with ECDSA authentication only, AEAD only: the suites Chromium and Firefox
    /// negotiate with an ECDSA certificate (RFC 8827 §6.5 requires ECDHE). A suite BouncyCastle
    /// cannot run is filtered out by its crypto provider.
    /// </summary>
    internal static readonly int[] CipherSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    private readonly Action<DtlsSrtpKeys> _onKeys;
    private DtlsFingerprint? _remoteFingerprint;

    internal DtlsHandshakeState(
        DtlsCertificate certificate, DtlsFingerprint expectedRemote, DtlsOptions options, Action<DtlsSrtpKeys> onKeys)
    {
        Certificate = certificate;
        ExpectedRemote = expectedRemote;
        Options = options;
        _onKeys = onKeys;
    }

    internal DtlsCertificate Certificate { get; }

    internal DtlsFingerprint ExpectedRemote { get; }

    internal DtlsOptions Options { get; }

    /// <summary>Set when a check of ours rejects the handshake, so the failure is reported precisely.</summary>
    internal DtlsFailure? Failure { get; private set; }

    /// <summary>The profile the server chose; set during the hello exchange.</summary>
    internal DtlsSrtpProfile? Profile { get; set; }

    internal int RetransmitMillis => (int)Options.RetransmitTimeout.TotalMilliseconds;

    /// <summary>Records our reason and returns the alert to abort the handshake with.</summary>
    internal TlsFatalAlert Reject(DtlsFailure failure, short alert, string message)
    {
        Failure = failure;
        return new TlsFatalAlert(alert, message);
    }

    /// <summary>
    /// Checks the peer's end-entity certificate against the SDP fingerprint (RFC 5763 §5,
    /// RFC 8122 §5). Possession of the matching private key is proved separately by the peer's
    /// signature (CertificateVerify or ServerKeyExchange), which BouncyCastle verifies.
    /// </summary>
    internal void VerifyPeerCertificate(BcCertificate? chain)
    {
        if (chain is null || chain.IsEmpty)
        {
            throw Reject(DtlsFailure.MissingCertificate, AlertDescription.handshake_failure,
                "The peer sent no certificate; DTLS-SRTP requires one.");
        }

        var der = chain.GetCertificateAt(0).GetEncoded();
        if (!ExpectedRemote.Matches(der))
        {
            throw Reject(DtlsFailure.FingerprintMismatch, AlertDescription.bad_certificate,
                "The peer certificate does not match the SDP fingerprint.");
        }

        _remoteFingerprint = DtlsFingerprint.FromCertificate(der);
    }

    /// <summary>Our certificate and key as BouncyCastle signing credentials, ECDSA with SHA-256.</summary>
    internal TlsCredentialedSigner CreateSigner(TlsContext context, BcTlsCrypto crypto) =>
        new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context), crypto, Certificate.PrivateKey, Certificate.ToChain(crypto),
            SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));

    /// <summary>
    /// Derives the SRTP keys and hands them to the endpoint at once, on the handshake thread,
    /// before BouncyCastle returns: browsers send SRTP as soon as they have the last Finished
    /// (MEDIA-NOTES pitfall 3), so the keys must not wait for a task continuation.
    /// </summary>
    internal void Complete(TlsContext context)
    {
        if (Profile is not { } profile || _remoteFingerprint is null)
        {
            throw new TlsFatalAlert(AlertDescription.internal_error, "Handshake completed without use_srtp or peer certificate.");
        }

        MinEncryptedRecordLength = DtlsRecordFilter.MinEncryptedRecordLength(context.SecurityParameters.CipherSuite);
        _onKeys(DtlsSrtpKeys.Export(context, profile, _remoteFingerprint));
    }

    /// <summary>The shortest valid encrypted record under the negotiated suite; known once the handshake completes.</summary>
    internal int MinEncryptedRecordLength { get; private set; } = DtlsRecordFilter.MinAeadRecordLength;

    /// <summary>Our profiles as use_srtp protection profile identifiers.</summary>
    internal int[] ProfileIds()
    {
        var ids = new int[Options.SrtpProfiles.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = (int)Options.SrtpProfiles[i];
        }

        return ids;
    }
}
