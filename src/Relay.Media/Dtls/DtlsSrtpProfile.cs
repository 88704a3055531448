namespace Relay.Media.Dtls;

/// <summary>
/// An SRTP protection profile negotiated by the DTLS use_srtp extension. The values are the
/// two-byte identifiers of the IANA "DTLS-SRTP Protection Profiles" registry, so a value can be
/// written into the extension as is. This type is local to the Dtls folder on purpose: the SRTP
/// code maps it to its own contexts, and Dtls depends on nothing else in Relay.Media.
/// </summary>
public enum DtlsSrtpProfile : ushort
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2).</summary>
    Aes128CmHmacSha1Tag80 = 0x0001,

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_32 (RFC 5764 §4.1.2).</summary>
    Aes128CmHmacSha1Tag32 = 0x0002,

    /// <summary>SRTP_AEAD_AES_128_GCM (RFC 7714 §14.2).</summary>
    AeadAes128Gcm = 0x0007,

    /// <summary>SRTP_AEAD_AES_256_GCM (RFC 7714 §14.2).</summary>
    AeadAes256Gcm = 0x0008,
}

/// <summary>Master key and salt sizes that the keying-material export is split by.</summary>
public static class DtlsSrtpProfileExtensions
{
    /// <summary>Whether this library knows the profile's key sizes.</summary>
    public static bool IsKnown(this DtlsSrtpProfile profile) => profile is DtlsSrtpProfile.Aes128CmHmacSha1Tag80
        or DtlsSrtpProfile.Aes128CmHmacSha1Tag32 or DtlsSrtpProfile.AeadAes128Gcm or DtlsSrtpProfile.AeadAes256Gcm;

    /// <summary>SRTP master key length in bytes (RFC 5764 §4.1.2, RFC 7714 §12).</summary>
    public static int MasterKeyLength(this DtlsSrtpProfile profile) => profile switch
    {
        DtlsSrtpProfile.Aes128CmHmacSha1Tag80 or DtlsSrtpProfile.Aes128CmHmacSha1Tag32 => 16,
        DtlsSrtpProfile.AeadAes128Gcm => 16,
        DtlsSrtpProfile.AeadAes256Gcm => 32,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown SRTP protection profile."),
    };

    /// <summary>
    /// SRTP master salt length in bytes: 112 bits for AES-CM (RFC 3711 §8.2), 96 bits for
    /// AEAD-GCM (RFC 7714 §12).
    /// </summary>
    public static int MasterSaltLength(this DtlsSrtpProfile profile) => profile switch
    {
        DtlsSrtpProfile.Aes128CmHmacSha1Tag80 or DtlsSrtpProfile.Aes128CmHmacSha1Tag32 => 14,
        DtlsSrtpProfile.AeadAes128Gcm or DtlsSrtpProfile.AeadAes256Gcm => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown SRTP protection profile."),
    };
}
