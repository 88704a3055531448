using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

public sealed class DtlsCertificateTests
{
    [Fact]
    public void Creates_a_self_signed_ecdsa_p256_certificate()
    {
        var certificate = DtlsCertificate.Create("unit-test");

        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Der);
        using var key = x509.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        Assert.Equal("CN=unit-test", x509.Subject);
        Assert.Equal(x509.Subject, x509.Issuer);
        Assert.Equal(DtlsFingerprint.FromCertificate(x509.RawData), certificate.Fingerprint);
    }

    [Fact]
    public void Each_certificate_has_its_own_key_and_the_shared_one_is_reused()
    {
        Assert.NotEqual(DtlsCertificate.Create().Fingerprint, DtlsCertificate.Create().Fingerprint);
        Assert.Same(DtlsCertificate.Shared, DtlsCertificate.Shared);
    }

    [Theory]
    [InlineData(DtlsSrtpProfile.Aes128CmHmacSha1Tag80, 16, 14)]
    [InlineData(DtlsSrtpProfile.Aes128CmHmacSha1Tag32, 16, 14)]
    [InlineData(DtlsSrtpProfile.AeadAes128Gcm, 16, 12)]
    [InlineData(DtlsSrtpProfile.AeadAes256Gcm, 32, 12)]
    public void Profiles_carry_their_iana_values_and_key_sizes(DtlsSrtpProfile profile, int key, int salt)
    {
        Assert.Equal(key, profile.MasterKeyLength());
        Assert.Equal(salt, profile.MasterSaltLength());
        Assert.Equal(
            profile switch
            {
                DtlsSrtpProfile.Aes128CmHmacSha1Tag80 => 0x0001,
                DtlsSrtpProfile.Aes128CmHmacSha1Tag32 => 0x0002,
                DtlsSrtpProfile.AeadAes128Gcm => 0x0007,
                _ => 0x0008,
            },
            (int)profile);
    }
}
