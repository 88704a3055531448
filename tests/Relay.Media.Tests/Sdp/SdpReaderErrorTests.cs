using Relay.Media.Sdp;

namespace Relay.Media.Tests.Sdp;

/// <summary>Every kind of broken line gives false and an error naming the line, never an exception.</summary>
public class SdpReaderErrorTests
{
    private const string Head = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\n";

    // Line 5 is the m= line; lines 6 and 7 belong to the media section.
    private const string Media = "m=audio 9 UDP/TLS/RTP/SAVPF 111\nc=IN IP4 0.0.0.0\n";

    public static TheoryData<string, string> BrokenDescriptions => new()
    {
        { "v=1\n", "line 1: SDP must start with v=0" },
        { "o=- 1 1 IN IP4 127.0.0.1\n", "line 1: SDP must start with v=0" },
        { "v=0\n", "SDP ends before the o= and s= lines" },
        { "v=0\ns=-\nt=0 0\n", "line 2: expected o= here" },
        { "v=0\no=- 1 1 IN IP4 127.0.0.1\n", "SDP ends before the s= line" },
        { "v=0\no=- 1 1 IN IP4 127.0.0.1\nt=0 0\n", "line 3: expected s= here" },
        { "v=0\no=- 1 1 IN IP4\ns=-\nt=0 0\n", "line 2: o= needs" },
        { "v=0\no=- x 1 IN IP4 127.0.0.1\ns=-\nt=0 0\n", "line 2: o= session id and version must be numbers" },
        { "v=0\no=- 1 99999999999999999999 IN IP4 127.0.0.1\ns=-\nt=0 0\n", "line 2: o= session id and version must be numbers" },
        { "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\n", "session has no t= line" },
        { "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=now\n", "line 4: t= needs" },
        { Head + "b=AS\n", "line 5: b= needs" },
        { Head + "y=1\n", "line 5: y= is not a session-level line" },
        { Head + "m=audio\n", "line 5: m= line has no port" },
        { Head + "m=audio 9\n", "line 5: m= line has no protocol" },
        { Head + "m=audio 9 UDP/TLS/RTP/SAVPF\n", "line 5: m= line has no media formats" },
        { Head + "m=audio x UDP/TLS/RTP/SAVPF 111\n", "line 5: m= line port is not a number" },
        { Head + "m=audio 70000 UDP/TLS/RTP/SAVPF 111\n", "line 5: m= line port is not a number" },
        { Head + "m=audio 9/0 UDP/TLS/RTP/SAVPF 111\n", "line 5: m= line number of ports" },
        { Head + "m=audio  9 UDP/TLS/RTP/SAVPF 111\n", "line 5: m= line has an empty field" },
        { Head + Media + "t=0 0\n", "line 7: t= is not allowed in a media section" },
        { Head + "m=audio 9 UDP/TLS/RTP/SAVPF 111\nc=IN IP4\n", "line 6: c= needs" },
        { Head + "a=:x\n", "line 5: a= line has no attribute name" },
        { Head + Media + "a=rtpmap:111 opus\n", "line 7: a=rtpmap: rtpmap encoding" },
        { Head + Media + "a=rtpmap:300 opus/48000\n", "line 7: a=rtpmap: rtpmap payload type" },
        { Head + Media + "a=fmtp:111\n", "line 7: a=fmtp: fmtp needs" },
        { Head + Media + "a=rtcp-fb:abc nack\n", "line 7: a=rtcp-fb: rtcp-fb payload type" },
        { Head + Media + "a=extmap:15 urn:x\n", "line 7: a=extmap: extmap id" },
        { Head + Media + "a=fingerprint:sha-256 AB:CD\n", "line 7: a=fingerprint: fingerprint has 2 bytes but sha-256 gives 32" },
        { Head + Media + "a=fingerprint:sha-256\n", "line 7: a=fingerprint: fingerprint needs" },
        { Head + Media + "a=ssrc:-1 cname:x\n", "line 7: a=ssrc: ssrc is not a 32-bit" },
        { Head + Media + "a=ssrc-group:FID 1 x\n", "line 7: a=ssrc-group: ssrc-group member" },
        { Head + "a=group:BUNDLE 0  1\n", "line 5: a=group: group has an empty mid" },
        { Head + Media + "a=msid:\n", "line 7: a=msid: msid needs" },
        { Head + Media + "a=candidate:1 1 udp 1 10.0.0.1 5000 typ nat\n", "line 7: a=candidate: candidate needs \"typ host\"" },
        { Head + Media + "a=ice-ufrag:abc\n", "line 7: a=ice-ufrag: ice-ufrag must be 4 to 256" },
        { Head + Media + "a=ice-pwd:short\n", "line 7: a=ice-pwd: ice-pwd must be 22 to 256" },
        { Head + Media + "a=setup:server\n", "line 7: a=setup: setup must be active" },
        { Head + Media + "a=mid:a b\n", "line 7: a=mid: mid must be a non-empty token" },
        { Head + Media + "a=ice-options:\n", "line 7: a=ice-options: ice-options has no option" },
        { Head + Media + "a=rtcp:port IN IP4 0.0.0.0\n", "line 7: a=rtcp: rtcp port" },
        { Head + "\n" + Media, "line 5: empty line" },
        { Head + "m audio\n", "line 5: expected \"<letter>=<value>\"" },
        { Head + "M=audio 9 RTP/AVP 0\n", "line 5: expected \"<letter>=<value>\"" },
        { Head + "a\n", "line 5: expected \"<letter>=<value>\"" },
        { Head + "a=x\0y\n", "line 5: contains a control character (U+0000)" },
        { "v=0\ro=- 1 1 IN IP4 127.0.0.1\n", "line 1: contains a control character (U+000D)" },
        { Head + "a=x:" + new string('y', SdpLimits.MaxLineLength) + "\n", "line 5: longer than 4096 characters" },
    };

    [Theory]
    [MemberData(nameof(BrokenDescriptions))]
    public void Broken_description_gives_a_line_numbered_error(string sdp, string expected)
    {
        Assert.False(SessionDescription.TryParse(sdp, out var description, out var error));

        Assert.Null(description);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Empty_input_is_refused(string? sdp)
    {
        Assert.False(SessionDescription.TryParse(sdp, out _, out var error));
        Assert.Equal("SDP is empty", error);
    }

    [Fact]
    public void Oversize_input_is_refused_before_parsing()
    {
        var sdp = SdpFixtures.ChromiumOffer + new string('x', SdpLimits.MaxLength);

        Assert.False(SessionDescription.TryParse(sdp, out _, out var error));

        Assert.Contains("the limit is 65536", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_media_sections_are_refused()
    {
        var sdp = Head + string.Concat(Enumerable.Repeat(Media, SdpLimits.MaxMediaSections + 1));

        Assert.False(SessionDescription.TryParse(sdp, out _, out var error));

        Assert.Equal($"line {5 + (2 * SdpLimits.MaxMediaSections)}: more than 64 media sections", error);
    }

    [Fact]
    public void The_media_section_limit_itself_is_accepted()
    {
        var sdp = Head + string.Concat(Enumerable.Repeat(Media, SdpLimits.MaxMediaSections));

        Assert.True(SessionDescription.TryParse(sdp, out var description, out var error), error);
        Assert.Equal(SdpLimits.MaxMediaSections, description!.MediaDescriptions.Count);
    }

    [Fact]
    public void Every_truncation_of_the_chromium_offer_parses_or_fails_cleanly()
    {
        var offer = SdpFixtures.ChromiumOffer;
        for (var length = 0; length < offer.Length; length++)
        {
            var truncated = offer[..length];
            if (SessionDescription.TryParse(truncated, out var description, out var error))
            {
                Assert.Equal(truncated.TrimEnd('\r', '\n'), description!.ToString().TrimEnd('\r', '\n'));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error), $"no error at length {length}");
            }
        }
    }
}
