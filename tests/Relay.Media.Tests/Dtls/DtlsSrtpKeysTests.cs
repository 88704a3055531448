using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>The RFC 5764 §4.2 layout of the exported keying material.</summary>
public sealed class DtlsSrtpKeysTests
{
    [Theory]
    [InlineData(DtlsSrtpProfile.Aes128CmHmacSha1Tag80)]
    [InlineData(DtlsSrtpProfile.AeadAes128Gcm)]
    [InlineData(DtlsSrtpProfile.AeadAes256Gcm)]
    public void Material_is_client_key_then_server_key_then_client_salt_then_server_salt(DtlsSrtpProfile profile)
    {
        var key = profile.MasterKeyLength();
        var salt = profile.MasterSaltLength();
        // Each of the four fields filled with its own marker byte.
        byte[] material = [.. Fill(0xC1, key), .. Fill(0x51, key), .. Fill(0xC5, salt), .. Fill(0x55, salt)];
        var fingerprint = DtlsTestPair.OtherCertificate.Fingerprint;

        var server = DtlsSrtpKeys.Split(material, profile, isServer: true, fingerprint);
        var client = DtlsSrtpKeys.Split(material, profile, isServer: false, fingerprint);

        Assert.Equal(Fill(0x51, key), server.LocalMasterKey.ToArray());
        Assert.Equal(Fill(0x55, salt), server.LocalMasterSalt.ToArray());
        Assert.Equal(Fill(0xC1, key), server.RemoteMasterKey.ToArray());
        Assert.Equal(Fill(0xC5, salt), server.RemoteMasterSalt.ToArray());
        Assert.Equal(Fill(0xC1, key), client.LocalMasterKey.ToArray());
        Assert.Equal(Fill(0xC5, salt), client.LocalMasterSalt.ToArray());
        Assert.Equal(Fill(0x51, key), client.RemoteMasterKey.ToArray());
        Assert.Equal(Fill(0x55, salt), client.RemoteMasterSalt.ToArray());
        Assert.Equal(profile, server.Profile);
        Assert.Same(fingerprint, server.RemoteFingerprint);
    }

    [Fact]
    public void Material_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DtlsSrtpKeys.Split(
            new byte[59], DtlsSrtpProfile.AeadAes128Gcm, isServer: true, DtlsTestPair.OtherCertificate.Fingerprint));
    }

    private static byte[] Fill(byte value, int length) => Enumerable.Repeat(value, length).ToArray();
}
