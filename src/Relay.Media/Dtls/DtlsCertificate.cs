using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto;
using BcCertificate = Org.BouncyCastle.Tls.Certificate;

namespace Relay.Media.Dtls;

/// <summary>
/// The relay's DTLS identity: a self-signed ECDSA P-256 certificate and its private key.
/// WebRTC authenticates it by the SDP fingerprint alone (RFC 8827 §6.5), so no CA is involved
/// and one certificate can serve every leg of the process. Immutable and thread-safe.
/// </summary>
public sealed class DtlsCertificate
{
    private static readonly Lazy<DtlsCertificate> SharedInstance = new(() => Create());

    private readonly byte[] _der;

    /// <summary>
    /// Wraps a DER certificate and a private key. The key is not checked against the
    /// certificate: tests pair them wrongly on purpose to show the peer's CertificateVerify check.
    /// </summary>
    internal DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey)
    {
        _der = der;
        PrivateKey = privateKey;
        Fingerprint = DtlsFingerprint.FromCertificate(der);
    }

    /// <summary>One certificate for the whole process, created on first use.</summary>
    public static DtlsCertificate Shared => SharedInstance.Value;

    /// <summary>The SHA-256 fingerprint of the certificate.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>The value for the local SDP <c>a=fingerprint</c> attribute.</summary>
    public string SdpFingerprint => Fingerprint.ToSdpValue();

    /// <summary>The DER encoding of the certificate.</summary>
    public ReadOnlySpan<byte> Der => _der;

    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>
    /// Creates a new self-signed ECDSA P-256 certificate. P-256 because Chromium and Firefox
    /// generate and accept it, and the ECDHE_ECDSA suites that every browser offers need an EC key.
    /// </summary>
    /// <param name="commonName">The subject CN; peers ignore it.</param>
    public static DtlsCertificate Create(string commonName = "MediaRelay")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        // Browsers ignore validity for fingerprint-pinned DTLS certificates, but a generous
        // window keeps strict peers happy for the life of a long-running process.
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return new DtlsCertificate(certificate.RawData, PrivateKeyFactory.CreateKey(key.ExportPkcs8PrivateKey()));
    }

    /// <summary>The certificate as a BouncyCastle chain for one handshake's crypto provider.</summary>
    internal BcCertificate ToChain(TlsCrypto crypto) => new([crypto.CreateCertificate(_der)]);
}
