using Relay.Media.Sdp;

namespace Relay.Media.Tests.Sdp;

public class SdpAnswererTests
{
    private static readonly DtlsFingerprint RelayFingerprint = new("sha-256", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    private static readonly IceCandidate UdpCandidate =
        new("1", 1, "udp", IcePriority.Compute(126, 65535, 1), "192.0.2.10", 40000, IceCandidateType.Host);

    private static readonly IceCandidate TcpCandidate =
        new("2", 1, "tcp", IcePriority.Compute(126, 65534, 1), "192.0.2.10", 40001, IceCandidateType.Host, TcpType: IceTcpType.Passive);

    internal static RelayAnswerParameters Local(bool withOutbound = true, int? videoStartBitrateKbps = null) => new()
    {
        IceUfrag = "RlyU",
        IcePwd = "RelayPassword0123456789AB",
        Fingerprint = RelayFingerprint,
        Candidates = [UdpCandidate, TcpCandidate],
        SessionId = 4242,
        CName = "relaycname",
        OutboundSources = withOutbound
            ? new Dictionary<string, OutboundSource>
            {
                ["0"] = new(1111, "relay-stream", "relay-audio"),
                ["1"] = new(2222, "relay-stream", "relay-video") { RtxSsrc = 3333 },
            }
            : new Dictionary<string, OutboundSource>(),
        VideoStartBitrateKbps = videoStartBitrateKbps,
    };

    internal static NegotiatedSession Answer(string offer, RelayAnswerParameters? local = null)
    {
        Assert.True(SdpAnswerer.TryCreateAnswer(offer, local ?? Local(), out var session, out var error), error);
        return session!;
    }

    internal static string AnswerError(string offer)
    {
        Assert.False(SdpAnswerer.TryCreateAnswer(offer, Local(), out var session, out var error));
        Assert.Null(session);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    [Fact]
    public void Chromium_offer_negotiates_opus_and_vp8_with_rtx()
    {
        var session = Answer(SdpFixtures.ChromiumOffer);

        var audio = session.FindMedia("0")!;
        Assert.Equal(MediaDescription.Audio, audio.Kind);
        Assert.Equal(111, audio.PayloadType);
        Assert.Equal("opus", audio.Codec);
        Assert.Equal(48000, audio.ClockRate);
        Assert.Equal(2, audio.Channels);
        Assert.Equal("minptime=10;useinbandfec=1", audio.CodecParameters);
        Assert.Null(audio.RtxPayloadType);
        Assert.True(audio.HasFeedback("transport-cc"));
        Assert.Equal(4, audio.MidExtensionId);
        Assert.Equal(2, audio.AbsSendTimeExtensionId);
        Assert.Equal(3, audio.TransportWideCcExtensionId);
        Assert.Equal(new RemoteSource(838303741, null, "9OVZsVN+wxe7tmCJ",
            "90ac7ec8-a7a8-4207-9c77-9e0dba4b35e2 7cb7134b-9448-4e45-9e47-bbc0879dd222"), Assert.Single(audio.RemoteSources));

        var video = session.FindMedia("1")!;
        Assert.Equal(96, video.PayloadType);
        Assert.Equal("VP8", video.Codec);
        Assert.Equal(90000, video.ClockRate);
        Assert.Equal(97, video.RtxPayloadType);
        Assert.Equal(4, video.MidExtensionId);
        Assert.Equal(2, video.AbsSendTimeExtensionId);
        Assert.Equal(3, video.TransportWideCcExtensionId);
        Assert.True(video.HasFeedback("nack"));
        Assert.True(video.HasFeedback("nack", "pli"));
        Assert.True(video.HasFeedback("ccm", "fir"));
        Assert.True(video.HasFeedback("goog-remb"));
        Assert.True(video.HasFeedback("transport-cc"));
        var remote = Assert.Single(video.RemoteSources);
        Assert.Equal(2883432329u, remote.Ssrc);
        Assert.Equal(721358159u, remote.RtxSsrc);
    }

    [Fact]
    public void Chromium_offer_gives_remote_transport_parameters()
    {
        var session = Answer(SdpFixtures.ChromiumOffer);

        Assert.Equal("qbml", session.RemoteIceUfrag);
        Assert.Equal("zDTB1puWZThc8ENdqNMbsPcA", session.RemoteIcePwd);
        Assert.Equal("sha-256", session.RemoteFingerprint.Algorithm);
        Assert.Equal(32, session.RemoteFingerprint.Hash.Length);
        Assert.Equal(DtlsSetupRole.ActPass, session.RemoteSetup);
        Assert.Equal(DtlsSetupRole.Passive, NegotiatedSession.LocalSetup);
        Assert.Equal(["0", "1"], session.BundleMids);
        Assert.Empty(session.Rejected);
        Assert.Empty(session.RemoteCandidates);
    }

    [Fact]
    public void Answer_to_chromium_offer_is_ice_lite_passive_and_bundled()
    {
        var answer = Answer(SdpFixtures.ChromiumOffer).Answer;

        Assert.True(answer.IsIceLite);
        Assert.Equal(["0", "1"], answer.GetBundleGroup()!.Mids);
        Assert.Equal(4242UL, answer.Origin.SessionId);
        foreach (var media in answer.MediaDescriptions)
        {
            Assert.Equal(40000, media.Port);
            Assert.Equal(new SdpField('c', "IN IP4 192.0.2.10"), Assert.Single(media.Fields));
            Assert.Equal(DtlsSetupRole.Passive, media.Setup);
            Assert.Equal("RlyU", media.IceUfrag);
            Assert.Equal("RelayPassword0123456789AB", media.IcePwd);
            Assert.Equal(RelayFingerprint.ToString(), Assert.Single(media.GetFingerprints()).ToString());
            Assert.True(media.IsRtcpMux);
            Assert.True(media.IsRtcpReducedSize);
            Assert.Equal(MediaDirection.SendRecv, media.Direction);
            Assert.Equal([UdpCandidate, TcpCandidate], media.GetCandidates());
            Assert.True(media.Attributes.Contains(SdpAttributeNames.EndOfCandidates));
            Assert.Equal(
                [RtpHeaderExtensionUris.AbsSendTime, RtpHeaderExtensionUris.TransportWideCc, RtpHeaderExtensionUris.Mid],
                media.GetExtMaps().Select(map => map.Uri));
        }

        Assert.Equal(["111"], answer.MediaDescriptions[0].Formats);
        Assert.Equal(["96", "97"], answer.MediaDescriptions[1].Formats);
    }

    [Fact]
    public void Answer_to_chromium_offer_is_exactly_this_text()
    {
        var answer = Answer(SdpFixtures.ChromiumOffer).Answer.ToString();

        const string expected = """
            v=0
            o=- 4242 1 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=ice-lite
            a=group:BUNDLE 0 1
            m=audio 40000 UDP/TLS/RTP/SAVPF 111
            c=IN IP4 192.0.2.10
            a=ice-ufrag:RlyU
            a=ice-pwd:RelayPassword0123456789AB
            a=fingerprint:sha-256 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F
            a=setup:passive
            a=mid:0
            a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
            a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
            a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
            a=sendrecv
            a=msid:relay-stream relay-audio
            a=rtcp-mux
            a=rtcp-rsize
            a=rtpmap:111 opus/48000/2
            a=rtcp-fb:111 transport-cc
            a=fmtp:111 minptime=10;useinbandfec=1
            a=ssrc:1111 cname:relaycname
            a=ssrc:1111 msid:relay-stream relay-audio
            a=candidate:1 1 udp 2130706431 192.0.2.10 40000 typ host
            a=candidate:2 1 tcp 2130706175 192.0.2.10 40001 typ host tcptype passive
            a=end-of-candidates
            m=video 40000 UDP/TLS/RTP/SAVPF 96 97
            c=IN IP4 192.0.2.10
            a=ice-ufrag:RlyU
            a=ice-pwd:RelayPassword0123456789AB
            a=fingerprint:sha-256 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F
            a=setup:passive
            a=mid:1
            a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
            a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
            a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
            a=sendrecv
            a=msid:relay-stream relay-video
            a=rtcp-mux
            a=rtcp-rsize
            a=rtpmap:96 VP8/90000
            a=rtcp-fb:96 goog-remb
            a=rtcp-fb:96 transport-cc
            a=rtcp-fb:96 ccm fir
            a=rtcp-fb:96 nack
            a=rtcp-fb:96 nack pli
            a=rtpmap:97 rtx/90000
            a=fmtp:97 apt=96
            a=ssrc-group:FID 2222 3333
            a=ssrc:2222 cname:relaycname
            a=ssrc:2222 msid:relay-stream relay-video
            a=ssrc:3333 cname:relaycname
            a=ssrc:3333 msid:relay-stream relay-video
            a=candidate:1 1 udp 2130706431 192.0.2.10 40000 typ host
            a=candidate:2 1 tcp 2130706175 192.0.2.10 40001 typ host tcptype passive
            a=end-of-candidates

            """;
        Assert.Equal(expected.ReplaceLineEndings("\r\n"), answer);
    }

    [Fact]
    public void Answer_text_parses_back_to_the_same_text()
    {
        var answer = Answer(SdpFixtures.ChromiumOffer).Answer.ToString();

        Assert.True(SessionDescription.TryParse(answer, out var reparsed, out var error), error);
        Assert.Equal(answer, reparsed!.ToString());
    }

    [Fact]
    public void Without_outbound_sources_no_ssrc_or_msid_is_announced()
    {
        var answer = Answer(SdpFixtures.ChromiumOffer, Local(withOutbound: false)).Answer;

        foreach (var media in answer.MediaDescriptions)
        {
            Assert.Empty(media.GetSsrcLines());
            Assert.Null(media.Msid);
        }
    }

    [Fact]
    public void Without_candidates_the_answer_uses_the_jsep_placeholder_address()
    {
        var local = Local();
        var session = Answer(SdpFixtures.ChromiumOffer, new RelayAnswerParameters
        {
            IceUfrag = local.IceUfrag,
            IcePwd = local.IcePwd,
            Fingerprint = local.Fingerprint,
            SessionId = 1,
            CName = local.CName,
        });

        var media = session.Answer.MediaDescriptions[0];
        Assert.Equal(9, media.Port);
        Assert.Equal("IN IP4 0.0.0.0", media.Fields[0].Value);
        Assert.Empty(media.GetCandidates());
    }

    [Theory]
    [InlineData("sendrecv", MediaDirection.SendRecv, true)]
    [InlineData("sendonly", MediaDirection.RecvOnly, false)]
    [InlineData("recvonly", MediaDirection.SendOnly, true)]
    [InlineData("inactive", MediaDirection.Inactive, false)]
    public void Direction_is_mirrored_and_ssrcs_announced_only_when_sending(
        string offered, MediaDirection answered, bool announces)
    {
        var offer = SdpFixtures.ChromiumOffer.Replace("a=sendrecv", "a=" + offered, StringComparison.Ordinal);

        var session = Answer(offer);

        foreach (var media in session.Answer.MediaDescriptions)
        {
            Assert.Equal(answered, media.Direction);
            Assert.Equal(announces, media.GetSsrcLines().Count > 0);
            Assert.Equal(announces, media.Msid is not null);
        }

        Assert.Equal(answered, session.FindMedia("1")!.Direction);
        Assert.Equal(announces, session.FindMedia("1")!.Outbound is not null);
    }

    [Fact]
    public void Active_offer_is_answered_passive()
    {
        var offer = SdpFixtures.ChromiumOffer.Replace("a=setup:actpass", "a=setup:active", StringComparison.Ordinal);

        var session = Answer(offer);

        Assert.Equal(DtlsSetupRole.Active, session.RemoteSetup);
        Assert.All(session.Answer.MediaDescriptions, media => Assert.Equal(DtlsSetupRole.Passive, media.Setup));
    }

    [Fact]
    public void Offer_without_setup_is_treated_as_active()
    {
        var session = Answer(SdpEdit.RemoveLines(SdpFixtures.ChromiumOffer, "a=setup:"));

        Assert.Equal(DtlsSetupRole.Active, session.RemoteSetup);
    }

    [Fact]
    public void A_start_bitrate_goes_on_the_video_codec_only()
    {
        var session = Answer(SdpFixtures.ChromiumOffer, Local(videoStartBitrateKbps: 1000));

        var video = session.Answer.MediaDescriptions[1];
        Assert.Equal(new Fmtp(96, "x-google-start-bitrate=1000"), video.GetFmtps().Single(f => f.PayloadType == 96));
        var audio = session.Answer.MediaDescriptions[0];
        Assert.Equal(new Fmtp(111, "minptime=10;useinbandfec=1"), Assert.Single(audio.GetFmtps()));
        // What the relay negotiated with the browser stays the codec's own parameters.
        Assert.Null(session.FindMedia("1")!.CodecParameters);
    }

    [Fact]
    public void Without_a_start_bitrate_vp8_has_no_fmtp()
    {
        var video = Answer(SdpFixtures.ChromiumOffer).Answer.MediaDescriptions[1];

        Assert.DoesNotContain(video.GetFmtps(), f => f.PayloadType == 96);
    }
}
