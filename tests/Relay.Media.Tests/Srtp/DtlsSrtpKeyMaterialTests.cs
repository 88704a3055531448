using Relay.Media.Srtp;

namespace Relay.Media.Tests.Srtp;

public class DtlsSrtpKeyMaterialTests
{
    private static byte[] Material(int length)
    {
        var material = new byte[length];
        for (var i = 0; i < length; i++)
        {
            material[i] = (byte)i;
        }

        return material;
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1Tag80, 60)]
    [InlineData(SrtpProfile.Aes128CmHmacSha1Tag32, 60)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 56)]
    public void Exporter_length_is_twice_key_plus_salt(SrtpProfile profile, int length)
    {
        Assert.Equal(length, DtlsSrtpKeyMaterial.GetLength(profile));
    }

    [Fact]
    public void Server_sends_with_the_server_half_and_receives_with_the_client_half()
    {
        // RFC 5764 §4.2: client key (0–15) | server key (16–31) | client salt (32–45) | server salt (46–59).
        var pair = DtlsSrtpKeyMaterial.Split(Material(60), SrtpProfile.Aes128CmHmacSha1Tag80, SrtpRole.Server);

        Assert.Equal(Material(60).AsSpan(16, 16).ToArray(), pair.Local.Key.ToArray());
        Assert.Equal(Material(60).AsSpan(46, 14).ToArray(), pair.Local.Salt.ToArray());
        Assert.Equal(Material(60).AsSpan(0, 16).ToArray(), pair.Remote.Key.ToArray());
        Assert.Equal(Material(60).AsSpan(32, 14).ToArray(), pair.Remote.Salt.ToArray());
    }

    [Fact]
    public void Gcm_salts_are_twelve_octets()
    {
        // client key (0–15) | server key (16–31) | client salt (32–43) | server salt (44–55).
        var pair = DtlsSrtpKeyMaterial.Split(Material(56), SrtpProfile.AeadAes128Gcm, SrtpRole.Client);

        Assert.Equal(Material(56).AsSpan(0, 16).ToArray(), pair.Local.Key.ToArray());
        Assert.Equal(Material(56).AsSpan(32, 12).ToArray(), pair.Local.Salt.ToArray());
        Assert.Equal(Material(56).AsSpan(16, 16).ToArray(), pair.Remote.Key.ToArray());
        Assert.Equal(Material(56).AsSpan(44, 12).ToArray(), pair.Remote.Salt.ToArray());
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1Tag80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void What_one_role_protects_the_other_role_unprotects(SrtpProfile profile)
    {
        var material = Material(DtlsSrtpKeyMaterial.GetLength(profile));
        var server = DtlsSrtpKeyMaterial.Split(material, profile, SrtpRole.Server);
        var client = DtlsSrtpKeyMaterial.Split(material, profile, SrtpRole.Client);

        using var serverSend = new SrtpContext(server.Local);
        using var clientReceive = new SrtpContext(client.Remote);
        using var clientReceiveWrongHalf = new SrtpContext(client.Local);
        var wire = SrtpTestPackets.Protect(serverSend, SrtpTestPackets.Rtp(9));

        Assert.True(clientReceive.TryUnprotect(wire, new byte[wire.Length], out _, out var error), error.ToString());
        Assert.False(clientReceiveWrongHalf.TryUnprotect(wire, new byte[wire.Length], out _, out error));
        Assert.Equal(SrtpError.AuthenticationFailed, error);
    }

    [Fact]
    public void Wrong_lengths_are_refused_at_setup()
    {
        Assert.Throws<ArgumentException>(() => DtlsSrtpKeyMaterial.Split(new byte[59], SrtpProfile.Aes128CmHmacSha1Tag80, SrtpRole.Server));
        Assert.Throws<ArgumentException>(() => new SrtpMasterKey(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[14]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DtlsSrtpKeyMaterial.GetLength(SrtpProfile.None));
    }
}
