using Relay.Media.Srtp;

namespace Relay.Media.Tests.Srtp;

public class SrtpProfileParametersTests
{
    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1Tag80, 14, 10, 10, false)]
    [InlineData(SrtpProfile.Aes128CmHmacSha1Tag32, 14, 4, 10, false)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 12, 16, 16, true)]
    public void Lengths_follow_rfc5764_and_rfc7714(SrtpProfile profile, int salt, int rtpTag, int rtcpTag, bool aead)
    {
        Assert.Equal(salt, SrtpProfileParameters.GetSaltLength(profile));
        Assert.Equal(rtpTag, SrtpProfileParameters.GetRtpTagLength(profile));
        Assert.Equal(rtcpTag, SrtpProfileParameters.GetRtcpTagLength(profile));
        Assert.Equal(aead, SrtpProfileParameters.IsAead(profile));
    }

    [Fact]
    public void Profile_values_are_the_iana_use_srtp_identifiers()
    {
        Assert.Equal(0x0001, (int)SrtpProfile.Aes128CmHmacSha1Tag80);
        Assert.Equal(0x0002, (int)SrtpProfile.Aes128CmHmacSha1Tag32);
        Assert.Equal(0x0007, (int)SrtpProfile.AeadAes128Gcm);
    }
}
