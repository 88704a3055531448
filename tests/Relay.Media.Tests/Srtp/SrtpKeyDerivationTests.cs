using Relay.Media.Srtp;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Srtp;

/// <summary>RFC 3711 Appendix B.3: key derivation with the AES-CM PRF, kdr = 0.</summary>
public class SrtpKeyDerivationTests
{
    private static readonly byte[] MasterKey = Hex.Parse("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Hex.Parse("0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void Cipher_key_matches_rfc3711_b3()
    {
        var output = new byte[16];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpLabel.RtpEncryption, output);
        Assert.Equal(Hex.Parse("C61E7A93744F39EE10734AFE3FF7A087"), output);
    }

    [Fact]
    public void Cipher_salt_matches_rfc3711_b3()
    {
        var output = new byte[14];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpLabel.RtpSalt, output);
        Assert.Equal(Hex.Parse("30CBBC08863D8C85D49DB34A9AE1"), output);
    }

    [Fact]
    public void The_94_octet_auth_key_matches_rfc3711_b3()
    {
        // B.3 derives 94 octets to show several PRF blocks; SHA1 uses the first 20.
        var output = new byte[94];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpLabel.RtpAuthentication, output);
        Assert.Equal(
            Hex.Parse(
                "CEBE321F6FF7716B6FD4AB49AF256A15" +
                "6D38BAA48F0A0ACF3C34E2359E6CDBCE" +
                "E049646C43D9327AD175578EF7227098" +
                "6371C10C9A369AC2F94A8C5FBCDDDC25" +
                "6D6E919A48B610EF17C2041E47403576" +
                "6B68642C59BBFC2F34DB60DBDFB2"),
            output);
    }

    [Fact]
    public void Srtcp_labels_derive_different_keys()
    {
        var rtp = new byte[16];
        var rtcp = new byte[16];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpLabel.RtpEncryption, rtp);
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpLabel.RtcpEncryption, rtcp);
        Assert.NotEqual(rtp, rtcp);
    }
}
