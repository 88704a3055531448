using Relay.Media.Sdp;

namespace Relay.Media.Tests.Sdp;

/// <summary>Parse → write for each typed attribute value, and the rejections that matter.</summary>
public class SdpValueTests
{
    [Theory]
    [InlineData("111 opus/48000/2")]
    [InlineData("96 VP8/90000")]
    public void RtpMap_round_trips(string value)
    {
        Assert.True(RtpMap.TryParse(value, out var map, out var error), error);
        Assert.Equal(value, map!.ToString());
    }

    [Theory]
    [InlineData("128 opus/48000/2")]
    [InlineData("111 opus")]
    [InlineData("111 opus/0")]
    [InlineData("111 opus/48000/2/1")]
    [InlineData("x opus/48000")]
    [InlineData("111")]
    public void RtpMap_rejects_malformed_values(string value)
    {
        Assert.False(RtpMap.TryParse(value, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Fmtp_reads_parameters_case_insensitively()
    {
        Assert.True(Fmtp.TryParse("102 level-asymmetry-allowed=1;Packetization-Mode=1;profile-level-id=42001f", out var fmtp, out _));

        Assert.True(fmtp!.TryGetParameter("packetization-mode", out var mode));
        Assert.Equal("1", mode);
        Assert.False(fmtp.TryGetParameter("apt", out _));
    }

    [Theory]
    [InlineData("96 nack pli")]
    [InlineData("* transport-cc")]
    [InlineData("96 goog-remb")]
    public void RtcpFeedback_round_trips(string value)
    {
        Assert.True(RtcpFeedback.TryParse(value, out var feedback, out var error), error);
        Assert.Equal(value, feedback!.ToString());
    }

    [Theory]
    [InlineData("3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01")]
    [InlineData("2/sendonly urn:x attr")]
    [InlineData("16 urn:two-byte")]
    public void ExtMap_round_trips(string value)
    {
        Assert.True(ExtMap.TryParse(value, out var map, out var error), error);
        Assert.Equal(value, map!.ToString());
    }

    [Theory]
    [InlineData("15 urn:reserved")]
    [InlineData("0 urn:x")]
    [InlineData("2/sideways urn:x")]
    [InlineData("2")]
    public void ExtMap_rejects_malformed_values(string value) => Assert.False(ExtMap.TryParse(value, out _, out _));

    [Fact]
    public void Fingerprint_round_trips_in_upper_case()
    {
        const string value = "sha-256 5C:B2:8A:0B:29:86:2E:AB:A8:3A:6D:2A:07:09:7B:91:2D:21:19:5A:F3:3B:AB:D1:1E:AA:28:2B:45:A9:18:31";

        Assert.True(DtlsFingerprint.TryParse(value.ToLowerInvariant(), out var fingerprint, out var error), error);

        Assert.Equal(value, fingerprint!.ToString());
    }

    [Theory]
    [InlineData("sha-256 5C:B2")]
    [InlineData("sha-256 5CB2")]
    [InlineData("sha-1 ZZ:B2:8A:0B:29:86:2E:AB:A8:3A:6D:2A:07:09:7B:91:2D:21:19:5A")]
    [InlineData("5C:B2")]
    [InlineData("sha-1 5C:B2:8A:0B:29:86:2E:AB:A8:3A:6D:2A:07:09:7B:91:2D:21:19;5A")]
    public void Fingerprint_rejects_malformed_values(string value) =>
        Assert.False(DtlsFingerprint.TryParse(value, out _, out _));

    [Fact]
    public void Ssrc_group_and_msid_round_trip()
    {
        Assert.True(SsrcGroup.TryParse("FID 1 2", out var group, out _));
        Assert.Equal("FID 1 2", group!.ToString());
        Assert.True(Msid.TryParse("stream track", out var msid, out _));
        Assert.Equal("stream track", msid!.ToString());
        Assert.True(SsrcLine.TryParse("4294967295 msid:stream track", out var ssrc, out _));
        Assert.Equal(new SsrcLine(uint.MaxValue, "msid", "stream track"), ssrc);
        Assert.False(SsrcLine.TryParse("4294967296 cname:x", out _, out _));
    }

    [Theory]
    [InlineData(MediaDirection.SendRecv, MediaDirection.SendRecv)]
    [InlineData(MediaDirection.SendOnly, MediaDirection.RecvOnly)]
    [InlineData(MediaDirection.RecvOnly, MediaDirection.SendOnly)]
    [InlineData(MediaDirection.Inactive, MediaDirection.Inactive)]
    public void Direction_mirrors_as_rfc_3264_says(MediaDirection offered, MediaDirection answered) =>
        Assert.Equal(answered, offered.Mirror());
}
