using Relay.Media.Srtp;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Srtp;

/// <summary>
/// RFC 7714 §16.1 (SRTP) and §17.1 (SRTCP) AEAD_AES_128_GCM vectors. The RFC gives session key
/// and salt directly, so the contexts are built from them without key derivation. Each vector has
/// a tamper twin: one flipped bit must fail authentication and leave the context unchanged.
/// </summary>
public class AesGcmVectorTests
{
    private static readonly byte[] SessionKey = Hex.Parse("000102030405060708090a0b0c0d0e0f");

    // "Quid pro quo"
    private static readonly byte[] SessionSalt = Hex.Parse("517569642070726f2071756f");

    // §16.1.1: header (SSRC 5501a0b2, SEQ f17b, ROC 0), payload "Gallia est omnis divisa in partes tres".
    private static readonly byte[] RtpPlain = Hex.Parse(
        "8040f17b 8041f8d3 5501a0b2 47616c6c" +
        "69612065 7374206f 6d6e6973 20646976" +
        "69736120 696e2070 61727465 73207472" +
        "6573");

    // §16.1.1 "Encrypted and tagged packet" (also the input of the §16.1.2 decryption).
    private static readonly byte[] RtpProtected = Hex.Parse(
        "8040f17b 8041f8d3 5501a0b2 f24de3a3" +
        "fb34de6c acba861c 9d7e4bca be633bd5" +
        "0d294e6f 42a5f47a 51c7d19b 36de3adf" +
        "8833899d 7f27beb1 6a9152cf 765ee439" +
        "0cce");

    // §17.1: sender report of SSRC 4d617273 ("Mars"), SRTCP index 000005d4.
    private static readonly byte[] RtcpPlain = Hex.Parse(
        "81c8000d 4d617273 4e545031 4e545032" +
        "52545020 0000042a 0000e930 4c756e61" +
        "deadbeef deadbeef deadbeef deadbeef" +
        "deadbeef");

    // §17.1.1 "Encrypted and tagged packet": ciphertext | tag | E=1 || index.
    private static readonly byte[] RtcpProtected = Hex.Parse(
        "81c8000d 4d617273 63e94885 dcdab67c" +
        "a727d766 2f6b7e99 7ff5c0f7 6c06f32d" +
        "c676a5f1 730d6fda 4ce09b46 86303ded" +
        "0bb9275b c84aa458 96cf4d2f c5abf872" +
        "45d9eade 800005d4");

    // §17.1, the authenticated-only (E = 0) form: the packet in clear | tag | 0 || index.
    private static readonly byte[] RtcpTaggedOnly = Hex.Parse(
        "81c8000d 4d617273 4e545031 4e545032" +
        "52545020 0000042a 0000e930 4c756e61" +
        "deadbeef deadbeef deadbeef deadbeef" +
        "deadbeef 841dd968 3dd78ec9 2ae58790" +
        "125f62b3 000005d4");

    private const uint RtcpIndex = 0x5d4;

    private static SrtpContext RtpContext() => new(new AesGcmCipher(SessionKey, SessionSalt));

    private static SrtcpContext RtcpContext() => new(new AesGcmCipher(SessionKey, SessionSalt));

    [Fact]
    public void Srtp_encryption_matches_rfc7714_16_1_1()
    {
        using var context = RtpContext();
        Assert.Equal(RtpProtected, SrtpTestPackets.Protect(context, RtpPlain));
    }

    [Fact]
    public void Srtp_decryption_matches_rfc7714_16_1_2()
    {
        using var context = RtpContext();
        var buffer = (byte[])RtpProtected.Clone();
        Assert.True(context.TryUnprotectInPlace(buffer, buffer.Length, out var written, out var error), error.ToString());
        Assert.Equal(RtpPlain, buffer.AsSpan(0, written).ToArray());
    }

    [Theory]
    [InlineData(1)]   // header (associated data)
    [InlineData(20)]  // ciphertext
    [InlineData(60)]  // tag
    public void Srtp_vector_tamper_twin_fails_and_changes_nothing(int octet)
    {
        using var context = RtpContext();
        var forged = (byte[])RtpProtected.Clone();
        forged[octet] ^= 0x01;

        Assert.False(context.TryUnprotect(forged, new byte[forged.Length], out _, out var error));
        Assert.Equal(SrtpError.AuthenticationFailed, error);

        // Nothing was committed: the genuine packet is neither a replay nor rolled over.
        Assert.Equal(0u, context.RolloverCounter);
        Assert.True(context.TryUnprotect(RtpProtected, new byte[RtpProtected.Length], out _, out error), error.ToString());
    }

    [Fact]
    public void Srtcp_encryption_matches_rfc7714_17_1_1()
    {
        using var context = RtcpContext();
        context.NextIndex = RtcpIndex;
        Assert.Equal(RtcpProtected, SrtpTestPackets.Protect(context, RtcpPlain));
        Assert.Equal(RtcpIndex + 1, context.NextIndex);
    }

    [Fact]
    public void Srtcp_decryption_matches_rfc7714_17_1_2()
    {
        using var context = RtcpContext();
        var output = new byte[RtcpPlain.Length];
        Assert.True(context.TryUnprotect(RtcpProtected, output, out var written, out var error), error.ToString());
        Assert.Equal(RtcpPlain.Length, written);
        Assert.Equal(RtcpPlain, output);
    }

    [Fact]
    public void Srtcp_authenticated_only_packet_from_rfc7714_17_1_verifies()
    {
        using var context = RtcpContext();
        var output = new byte[RtcpPlain.Length];
        Assert.True(context.TryUnprotect(RtcpTaggedOnly, output, out _, out var error), error.ToString());
        Assert.Equal(RtcpPlain, output);
    }

    [Theory]
    [InlineData(false, 2)]   // header (associated data)
    [InlineData(false, 30)]  // ciphertext
    [InlineData(false, 60)]  // tag
    [InlineData(false, 71)]  // SRTCP index (associated data)
    [InlineData(true, 30)]   // tag-only: clear payload
    [InlineData(true, 60)]   // tag-only: tag
    [InlineData(true, 71)]   // tag-only: SRTCP index
    public void Srtcp_vector_tamper_twin_fails_and_changes_nothing(bool tagOnly, int octet)
    {
        var genuine = tagOnly ? RtcpTaggedOnly : RtcpProtected;
        using var context = RtcpContext();
        var forged = (byte[])genuine.Clone();
        forged[octet] ^= 0x01;

        Assert.False(context.TryUnprotect(forged, new byte[forged.Length], out _, out var error));
        Assert.Equal(SrtpError.AuthenticationFailed, error);
        Assert.True(context.TryUnprotect(genuine, new byte[genuine.Length], out _, out error), error.ToString());
    }

    [Fact]
    public void Flipping_the_e_flag_fails_authentication()
    {
        using var context = RtcpContext();
        var forged = (byte[])RtcpProtected.Clone();
        forged[^4] ^= 0x80;
        Assert.False(context.TryUnprotect(forged, new byte[forged.Length], out _, out var error));
        Assert.Equal(SrtpError.AuthenticationFailed, error);
    }
}
