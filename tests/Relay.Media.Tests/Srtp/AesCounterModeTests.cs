using Relay.Media.Srtp;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Srtp;

/// <summary>RFC 3711 Appendix B.2: the AES-CM keystream (it ends on NIST SP 800-38A F.5.1).</summary>
public class AesCounterModeTests
{
    private static readonly byte[] SessionKey = Hex.Parse("2B7E151628AED2A6ABF7158809CF4F3C");

    // Session salt F0F1...FCFD shifted by 16 bits, with SSRC, ROC and SEQ all zero.
    private static readonly byte[] Iv = Hex.Parse("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    [Fact]
    public void Keystream_segment_matches_rfc3711_b2_at_both_ends()
    {
        // 1,044,512 octets = 65,282 blocks: counters ...0000 to ...FF01.
        var keystream = new byte[1_044_512];
        using var cipher = new AesCounterMode(SessionKey);
        cipher.Transform(Iv, keystream, keystream);

        Assert.Equal(
            Hex.Parse(
                "E03EAD0935C95E80E166B16DD92B4EB4" +
                "D23513162B02D0F72A43A2FE4A5F97AB" +
                "41E95B3BB0A2E8DD477901E4FCA894C0"),
            keystream.AsSpan(0, 48).ToArray());
        Assert.Equal(
            Hex.Parse(
                "EC8CDF7398607CB0F2D21675EA9EA1E4" +
                "362B7C3C6773516318A077D7FC5073AE" +
                "6A2CC3787889374FBEB4C81B17BA6C44"),
            keystream.AsSpan(keystream.Length - 48).ToArray());
    }

    [Fact]
    public void Transform_is_its_own_inverse_and_leaves_the_source_when_not_in_place()
    {
        var plain = new byte[100];
        new Random(3711).NextBytes(plain);
        var encrypted = new byte[100];
        var decrypted = new byte[100];
        using var cipher = new AesCounterMode(SessionKey);

        cipher.Transform(Iv, plain, encrypted);
        cipher.Transform(Iv, encrypted, decrypted);

        Assert.NotEqual(plain, encrypted);
        Assert.Equal(plain, decrypted);
    }
}
