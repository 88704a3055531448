namespace Relay.Media.Srtp;

/// <summary>Key, salt and tag lengths of each <see cref="SrtpProfile"/>.</summary>
public static class SrtpProfileParameters
{
    /// <summary>Master and session key length: AES-128 for every supported profile.</summary>
    public const int KeyLength = 16;

    /// <summary>RFC 3711 §8.2: 112-bit salt for AES-CM.</summary>
    public const int CounterModeSaltLength = 14;

    /// <summary>RFC 7714 §12: 96-bit salt for AES-GCM.</summary>
    public const int GcmSaltLength = 12;

    /// <summary>RFC 3711 §4.2: HMAC-SHA1 session authentication key, 160 bits.</summary>
    public const int AuthKeyLength = 20;

    private const int Sha1Tag80Length = 10;
    private const int Sha1Tag32Length = 4;
    private const int GcmTagLength = 16;

    public static bool IsAead(SrtpProfile profile) => profile == SrtpProfile.AeadAes128Gcm;

    public static int GetSaltLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1Tag80 or SrtpProfile.Aes128CmHmacSha1Tag32 => CounterModeSaltLength,
        SrtpProfile.AeadAes128Gcm => GcmSaltLength,
        _ => throw Unsupported(profile),
    };

    /// <summary>Authentication tag appended to SRTP packets.</summary>
    public static int GetRtpTagLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1Tag80 => Sha1Tag80Length,
        SrtpProfile.Aes128CmHmacSha1Tag32 => Sha1Tag32Length,
        SrtpProfile.AeadAes128Gcm => GcmTagLength,
        _ => throw Unsupported(profile),
    };

    /// <summary>Authentication tag appended to SRTCP packets: 80 bits for both SHA1 profiles.</summary>
    public static int GetRtcpTagLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1Tag80 or SrtpProfile.Aes128CmHmacSha1Tag32 => Sha1Tag80Length,
        SrtpProfile.AeadAes128Gcm => GcmTagLength,
        _ => throw Unsupported(profile),
    };

    internal static ArgumentOutOfRangeException Unsupported(SrtpProfile profile) =>
        new(nameof(profile), profile, "Unsupported SRTP protection profile.");
}
