namespace Relay.Media.Srtp;

/// <summary>
/// The DTLS-SRTP protection profiles this relay speaks; values are the IANA profile identifiers
/// of the use_srtp extension (RFC 5764 §4.1.2, RFC 7714 §14.2).
/// </summary>
public enum SrtpProfile
{
    None = 0,

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode, HMAC-SHA1, 80-bit tag (RFC 3711).</summary>
    Aes128CmHmacSha1Tag80 = 0x0001,

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_32: a 32-bit SRTP tag; SRTCP keeps the 80-bit tag (RFC 5764 §4.1.2).</summary>
    Aes128CmHmacSha1Tag32 = 0x0002,

    /// <summary>SRTP_AEAD_AES_128_GCM: AES-128-GCM with a 16-octet tag (RFC 7714).</summary>
    AeadAes128Gcm = 0x0007,
}
