using System.Security.Cryptography;
using Org.BouncyCastle.Tls;

namespace Relay.Media.Dtls;

/// <summary>
/// The outcome of a DTLS-SRTP handshake: the negotiated profile and the SRTP master keys and
/// salts for each direction. "Local" protects what this endpoint sends; "remote" what it
/// receives. Immutable; the arrays are private copies.
/// </summary>
public sealed class DtlsSrtpKeys
{
    /// <summary>RFC 5764 §4.2 exporter label.</summary>
    internal const string ExporterLabel = "EXTRACTOR-dtls_srtp";

    private readonly byte[] _localKey;
    private readonly byte[] _localSalt;
    private readonly byte[] _remoteKey;
    private readonly byte[] _remoteSalt;

    private DtlsSrtpKeys(
        DtlsSrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt,
        DtlsFingerprint remoteFingerprint)
    {
        Profile = profile;
        _localKey = localKey;
        _localSalt = localSalt;
        _remoteKey = remoteKey;
        _remoteSalt = remoteSalt;
        RemoteFingerprint = remoteFingerprint;
    }

    /// <summary>The protection profile the server selected.</summary>
    public DtlsSrtpProfile Profile { get; }

    /// <summary>Master key for SRTP/SRTCP this endpoint sends.</summary>
    public ReadOnlySpan<byte> LocalMasterKey => _localKey;

    /// <summary>Master salt for SRTP/SRTCP this endpoint sends.</summary>
    public ReadOnlySpan<byte> LocalMasterSalt => _localSalt;

    /// <summary>Master key for SRTP/SRTCP this endpoint receives.</summary>
    public ReadOnlySpan<byte> RemoteMasterKey => _remoteKey;

    /// <summary>Master salt for SRTP/SRTCP this endpoint receives.</summary>
    public ReadOnlySpan<byte> RemoteMasterSalt => _remoteSalt;

    /// <summary>The fingerprint of the certificate the peer proved it holds the key for.</summary>
    public DtlsFingerprint RemoteFingerprint { get; }

    /// <summary>
    /// Exports and splits the keying material. Must run inside NotifyHandshakeComplete: that is
    /// the only time BouncyCastle still holds the master secret.
    /// </summary>
    internal static DtlsSrtpKeys Export(TlsContext context, DtlsSrtpProfile profile, DtlsFingerprint remoteFingerprint)
    {
        var length = 2 * (profile.MasterKeyLength() + profile.MasterSaltLength());
        var material = context.ExportKeyingMaterial(ExporterLabel, null, length);
        try
        {
            return Split(material, profile, context.IsServer, remoteFingerprint);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>
    /// Splits exported material per RFC 5764 §4.2: client_write_SRTP_master_key |
    /// server_write_SRTP_master_key | client_write_SRTP_master_salt | server_write_SRTP_master_salt.
    /// </summary>
    internal static DtlsSrtpKeys Split(
        ReadOnlySpan<byte> material, DtlsSrtpProfile profile, bool isServer, DtlsFingerprint remoteFingerprint)
    {
        var keyLength = profile.MasterKeyLength();
        var saltLength = profile.MasterSaltLength();
        if (material.Length != 2 * (keyLength + saltLength))
        {
            throw new ArgumentException("Keying material length does not match the profile.", nameof(material));
        }

        var clientKey = material[..keyLength].ToArray();
        var serverKey = material.Slice(keyLength, keyLength).ToArray();
        var clientSalt = material.Slice(2 * keyLength, saltLength).ToArray();
        var serverSalt = material.Slice((2 * keyLength) + saltLength, saltLength).ToArray();
        return isServer
            ? new DtlsSrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt, remoteFingerprint)
            : new DtlsSrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt, remoteFingerprint);
    }
}
