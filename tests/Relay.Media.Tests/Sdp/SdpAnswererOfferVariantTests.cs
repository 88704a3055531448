using Relay.Media.Sdp;
using static Relay.Media.Tests.Sdp.SdpAnswererTests;

namespace Relay.Media.Tests.Sdp;

/// <summary>Offers other than Chromium's default: audio only, H.264 only, data channels, and broken ones.</summary>
public class SdpAnswererOfferVariantTests
{
    private static string Crlf(string lf) => lf.ReplaceLineEndings("\r\n") + (lf.EndsWith('\n') ? "" : "\r\n");

    [Fact]
    public void Audio_only_offer_with_session_level_transport_is_answered_without_bundle()
    {
        var session = Answer(SdpFixtures.AudioOnlyOffer);

        var audio = Assert.Single(session.Media);
        Assert.Equal(109, audio.PayloadType);
        Assert.Equal("maxplaybackrate=48000;stereo=1;useinbandfec=1", audio.CodecParameters);
        Assert.Equal(3, audio.MidExtensionId);
        Assert.Null(audio.AbsSendTimeExtensionId);
        Assert.Null(audio.TransportWideCcExtensionId);
        Assert.Empty(audio.RtcpFeedback);
        Assert.False(audio.RtcpReducedSize);
        Assert.Equal(123456u, Assert.Single(audio.RemoteSources).Ssrc);
        Assert.Equal("a1b2c3d4", session.RemoteIceUfrag);
        Assert.Equal("0123456789abcdef0123456789abcdef", session.RemoteIcePwd);
        Assert.Equal(0xAA, session.RemoteFingerprint.Hash[0]);
        Assert.Equal("198.51.100.7", Assert.Single(session.RemoteCandidates).Address);
        Assert.Equal(50000, session.RemoteCandidates[0].Port);
        Assert.Empty(session.BundleMids);
        Assert.Null(session.Answer.GetBundleGroup());
        Assert.True(session.Answer.IsIceLite);
        Assert.Equal(["109"], session.Answer.MediaDescriptions[0].Formats);
        Assert.False(session.Answer.MediaDescriptions[0].IsRtcpReducedSize);
    }

    [Fact]
    public void H264_is_chosen_when_vp8_is_absent_preferring_constrained_baseline()
    {
        var session = Answer(SdpFixtures.H264Offer);

        var video = Assert.Single(session.Media);
        Assert.Equal("v", video.Mid);
        Assert.Equal(108, video.PayloadType);
        Assert.Equal("H264", video.Codec);
        Assert.Equal(109, video.RtxPayloadType);
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", video.CodecParameters);
        Assert.Equal([new RtcpFeedback(108, "nack", "pli"), new RtcpFeedback(108, "ccm", "fir")], video.RtcpFeedback);
        Assert.Equal(3, video.TransportWideCcExtensionId);
        Assert.Equal(MediaDirection.SendOnly, video.Direction);
        var media = session.Answer.MediaDescriptions[0];
        Assert.Equal(["108", "109"], media.Formats);
        Assert.Equal(new Fmtp(108, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"), Assert.Single(media.GetFmtps(), f => f.PayloadType == 108));
        Assert.Equal(new Fmtp(109, "apt=108"), Assert.Single(media.GetFmtps(), f => f.PayloadType == 109));
    }

    [Fact]
    public void A_start_bitrate_is_added_to_the_offered_h264_parameters()
    {
        var session = Answer(SdpFixtures.H264Offer, Local(videoStartBitrateKbps: 800));

        var media = session.Answer.MediaDescriptions[0];
        Assert.Equal(
            new Fmtp(108, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f;x-google-start-bitrate=800"),
            Assert.Single(media.GetFmtps(), f => f.PayloadType == 108));
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", Assert.Single(session.Media).CodecParameters);
    }

    [Fact]
    public void H264_baseline_is_the_fallback_profile()
    {
        var offer = SdpEdit.ReplaceLine(SdpFixtures.H264Offer, "a=fmtp:108 ", "a=fmtp:108 packetization-mode=1;profile-level-id=640c1f");

        var video = Assert.Single(Answer(offer).Media);

        Assert.Equal(102, video.PayloadType);
        Assert.Equal(103, video.RtxPayloadType);
        Assert.Equal([new RtcpFeedback(102, "nack", null), new RtcpFeedback(102, "nack", "pli")], video.RtcpFeedback);
    }

    [Fact]
    public void Video_with_only_unsupported_codecs_is_rejected_with_port_0()
    {
        var offer = SdpFixtures.ChromiumOffer
            .Replace("VP8/90000", "VP7/90000", StringComparison.Ordinal)
            .Replace("packetization-mode=1", "packetization-mode=0", StringComparison.Ordinal);

        var session = Answer(offer);

        Assert.Equal("0", Assert.Single(session.Media).Mid);
        var rejected = Assert.Single(session.Rejected);
        Assert.Equal("1", rejected.Mid);
        Assert.Contains("VP8", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(0, session.Answer.MediaDescriptions[1].Port);
        Assert.Equal(["0"], session.Answer.GetBundleGroup()!.Mids);
    }

    [Fact]
    public void Data_channel_section_is_rejected_with_port_0_and_left_out_of_bundle()
    {
        var offer = SdpFixtures.ChromiumOffer.Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2", StringComparison.Ordinal)
            + SdpFixtures.DataChannelSection;

        var session = Answer(offer);

        Assert.Equal(2, session.Media.Count);
        Assert.Equal(["0", "1"], session.BundleMids);
        var rejected = Assert.Single(session.Rejected);
        Assert.Equal(new RejectedMedia(2, "2", MediaDescription.Application, rejected.Reason), rejected);
        var section = session.Answer.MediaDescriptions[2];
        Assert.Equal("m=application 0 UDP/DTLS/SCTP webrtc-datachannel", "m=" + section.FormatMediaLine());
        Assert.Equal("2", section.Mid);
        Assert.Equal(["0", "1"], session.Answer.GetBundleGroup()!.Mids);
    }

    [Fact]
    public void Offer_section_disabled_with_port_0_stays_rejected()
    {
        var offer = SdpEdit.ReplaceLine(SdpFixtures.ChromiumOffer, "m=video", "m=video 0 UDP/TLS/RTP/SAVPF 96 97");

        var session = Answer(offer);

        Assert.Equal("1", Assert.Single(session.Rejected).Mid);
        Assert.Equal(0, session.Answer.MediaDescriptions[1].Port);
    }

    [Fact]
    public void Section_outside_the_bundle_group_is_rejected()
    {
        var offer = SdpFixtures.ChromiumOffer.Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0", StringComparison.Ordinal);

        var session = Answer(offer);

        Assert.Equal("1", Assert.Single(session.Rejected).Mid);
        Assert.Equal(["0"], session.BundleMids);
    }

    [Theory]
    [InlineData("a=rtcp-mux", "a=rtcp-mux")]
    [InlineData("a=fingerprint:", "a=fingerprint")]
    [InlineData("a=ice-ufrag:", "a=ice-ufrag")]
    [InlineData("a=ice-pwd:", "a=ice-pwd")]
    [InlineData("a=mid:", "has no a=mid")]
    [InlineData("a=group:BUNDLE", "no a=group:BUNDLE")]
    public void Offer_lacking_a_required_line_gets_a_clear_error(string removedPrefix, string expected)
    {
        var error = AnswerError(SdpEdit.RemoveLines(SdpFixtures.ChromiumOffer, removedPrefix));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("passive", "a=setup:passive")]
    [InlineData("holdconn", "a=setup:holdconn")]
    public void Offer_that_cannot_be_a_dtls_client_is_refused(string setup, string expected)
    {
        var offer = SdpFixtures.ChromiumOffer.Replace("a=setup:actpass", "a=setup:" + setup, StringComparison.Ordinal);

        Assert.Contains(expected, AnswerError(offer), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_mids_are_refused()
    {
        var offer = SdpFixtures.ChromiumOffer.Replace("a=mid:1", "a=mid:0", StringComparison.Ordinal);

        Assert.Contains("mid 0 is used by more than one", AnswerError(offer), StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_sections_with_different_credentials_are_refused()
    {
        var video = SdpFixtures.ChromiumOffer.IndexOf("m=video", StringComparison.Ordinal);
        var offer = SdpFixtures.ChromiumOffer[..video]
            + SdpFixtures.ChromiumOffer[video..].Replace("a=ice-ufrag:qbml", "a=ice-ufrag:zzzz", StringComparison.Ordinal);

        Assert.Contains("different from mid 0", AnswerError(offer), StringComparison.Ordinal);
    }

    [Fact]
    public void Offer_with_only_a_data_channel_is_refused_with_the_reason()
    {
        var offer = Crlf("v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\na=group:BUNDLE 2\n") + SdpFixtures.DataChannelSection;

        var error = AnswerError(offer);

        Assert.Contains("no audio or video section", error, StringComparison.Ordinal);
        Assert.Contains("application", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Offer_without_media_is_refused() =>
        Assert.Contains("no media", AnswerError(Crlf("v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0")), StringComparison.Ordinal);

    [Fact]
    public void Unparseable_offer_error_names_the_line() =>
        Assert.Equal("offer: line 1: SDP must start with v=0", AnswerError("v=1\r\n"));

    [Fact]
    public void Invalid_local_parameters_are_programming_errors()
    {
        var local = Local();
        var bad = new RelayAnswerParameters
        {
            IceUfrag = "no",
            IcePwd = local.IcePwd,
            Fingerprint = local.Fingerprint,
            SessionId = 1,
            CName = local.CName,
        };

        Assert.Throws<ArgumentException>(() => SdpAnswerer.TryCreateAnswer(SdpFixtures.ChromiumOffer, bad, out _, out _));
    }

    [Fact]
    public void Bundle_only_section_without_transport_attributes_is_accepted()
    {
        // RFC 8843 bundle-only, as JSEP max-bundle offers use it: the second section has port 0, a=bundle-only,
        // and no ICE or DTLS attributes of its own.
        var video = SdpFixtures.ChromiumOffer.IndexOf("m=video", StringComparison.Ordinal);
        var videoSection = SdpFixtures.ChromiumOffer[video..]
            .Replace("m=video 9 ", "m=video 0 ", StringComparison.Ordinal)
            .Replace("a=mid:1\r\n", "a=mid:1\r\na=bundle-only\r\n", StringComparison.Ordinal);
        foreach (var prefix in new[] { "a=ice-ufrag:", "a=ice-pwd:", "a=fingerprint:", "a=setup:" })
        {
            videoSection = SdpEdit.RemoveLines(videoSection, prefix);
        }

        var session = Answer(SdpFixtures.ChromiumOffer[..video] + videoSection);

        Assert.Equal(["0", "1"], session.BundleMids);
        Assert.Equal(96, session.FindMedia("1")!.PayloadType);
        Assert.Equal(40000, session.Answer.MediaDescriptions[1].Port);
    }

    [Fact]
    public void Bundle_only_section_without_a_mid_is_refused()
    {
        // A live section must carry a mid, or the answer could not name it (RFC 8829 §5.2.1).
        var offer = SdpFixtures.AudioOnlyOffer
            .Replace("m=audio 9 ", "m=audio 0 ", StringComparison.Ordinal)
            .Replace("a=mid:0\r\n", "a=bundle-only\r\n", StringComparison.Ordinal);

        Assert.Contains("has no a=mid", AnswerError(offer), StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_bundle_group_keeps_the_offered_mid_order()
    {
        var offer = SdpFixtures.ChromiumOffer.Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 1 0", StringComparison.Ordinal);

        var session = Answer(offer);

        Assert.Equal(["1", "0"], session.BundleMids);
        Assert.Equal(["1", "0"], session.Answer.GetBundleGroup()!.Mids);
    }
}
