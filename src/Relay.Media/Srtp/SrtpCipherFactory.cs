using System.Security.Cryptography;

namespace Relay.Media.Srtp;

/// <summary>Derives session keys from a master key (RFC 3711 §4.3) and builds the profile's cipher.</summary>
internal static class SrtpCipherFactory
{
    public static SrtpCipher CreateForRtp(SrtpMasterKey masterKey) =>
        Create(
            masterKey,
            SrtpLabel.RtpEncryption,
            SrtpLabel.RtpAuthentication,
            SrtpLabel.RtpSalt,
            SrtpProfileParameters.GetRtpTagLength(masterKey.Profile));

    public static SrtpCipher CreateForRtcp(SrtpMasterKey masterKey) =>
        Create(
            masterKey,
            SrtpLabel.RtcpEncryption,
            SrtpLabel.RtcpAuthentication,
            SrtpLabel.RtcpSalt,
            SrtpProfileParameters.GetRtcpTagLength(masterKey.Profile));

    private static SrtpCipher Create(
        SrtpMasterKey masterKey, SrtpLabel encryption, SrtpLabel authentication, SrtpLabel salt, int tagLength)
    {
        var profile = masterKey.Profile;
        Span<byte> sessionKey = stackalloc byte[SrtpProfileParameters.KeyLength];
        Span<byte> sessionSalt = stackalloc byte[SrtpProfileParameters.GetSaltLength(profile)];
        Span<byte> authKey = stackalloc byte[SrtpProfileParameters.AuthKeyLength];
        try
        {
            SrtpKeyDerivation.Derive(masterKey.Key, masterKey.Salt, encryption, sessionKey);
            SrtpKeyDerivation.Derive(masterKey.Key, masterKey.Salt, salt, sessionSalt);
            if (SrtpProfileParameters.IsAead(profile))
            {
                // RFC 7714 §11: GCM authenticates with the cipher key; no auth key is derived.
                return new AesGcmCipher(sessionKey, sessionSalt);
            }

            SrtpKeyDerivation.Derive(masterKey.Key, masterKey.Salt, authentication, authKey);
            return new AesCmHmacSha1Cipher(sessionKey, authKey, sessionSalt, tagLength);
        }
        finally
        {
            // The ciphers keep their own copies; leave no session key on the stack.
            CryptographicOperations.ZeroMemory(sessionKey);
            CryptographicOperations.ZeroMemory(sessionSalt);
            CryptographicOperations.ZeroMemory(authKey);
        }
    }
}
