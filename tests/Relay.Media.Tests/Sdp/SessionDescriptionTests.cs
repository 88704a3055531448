using Relay.Media.Sdp;

namespace Relay.Media.Tests.Sdp;

public class SessionDescriptionTests
{
    [Fact]
    public void Chromium_offer_round_trips_byte_for_byte()
    {
        Assert.True(SessionDescription.TryParse(SdpFixtures.ChromiumOffer, out var offer, out var error), error);

        Assert.Equal(SdpFixtures.ChromiumOffer, offer!.ToString());
    }

    [Theory]
    [InlineData(nameof(SdpFixtures.AudioOnlyOffer))]
    [InlineData(nameof(SdpFixtures.H264Offer))]
    public void Other_fixture_offers_round_trip(string name)
    {
        var sdp = name == nameof(SdpFixtures.AudioOnlyOffer) ? SdpFixtures.AudioOnlyOffer : SdpFixtures.H264Offer;

        Assert.Equal(sdp, Parse(sdp).ToString());
    }

    [Fact]
    public void Lf_input_is_accepted_and_written_with_crlf()
    {
        var lf = SdpFixtures.ChromiumOffer.Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.True(SessionDescription.TryParse(lf, out var offer, out var error), error);

        Assert.Equal(SdpFixtures.ChromiumOffer, offer!.ToString());
    }

    [Fact]
    public void Last_line_without_line_end_is_accepted()
    {
        var trimmed = SdpFixtures.ChromiumOffer.TrimEnd();

        Assert.True(SessionDescription.TryParse(trimmed, out var offer, out var error), error);
        Assert.Equal(SdpFixtures.ChromiumOffer, offer!.ToString());
    }

    [Fact]
    public void Session_level_lines_are_read()
    {
        var offer = Parse(SdpFixtures.ChromiumOffer);

        Assert.Equal(280443319798898517UL, offer.Origin.SessionId);
        Assert.Equal(2UL, offer.Origin.SessionVersion);
        Assert.Equal("127.0.0.1", offer.Origin.Address);
        Assert.Equal("-", offer.SessionName);
        Assert.Equal(new SdpField('t', "0 0"), Assert.Single(offer.Fields));
        Assert.Equal(["0", "1"], offer.GetBundleGroup()!.Mids);
        Assert.True(offer.Attributes.Contains(SdpAttributeNames.ExtmapAllowMixed));
        Assert.Equal(" WMS 90ac7ec8-a7a8-4207-9c77-9e0dba4b35e2", offer.Attributes.GetValue(SdpAttributeNames.MsidSemantic));
        Assert.False(offer.IsIceLite);
        Assert.Equal(2, offer.MediaDescriptions.Count);
        Assert.Same(offer.MediaDescriptions[1], offer.FindMedia("1"));
        Assert.Null(offer.FindMedia("2"));
    }

    [Fact]
    public void Audio_section_is_read()
    {
        var audio = Parse(SdpFixtures.ChromiumOffer).MediaDescriptions[0];

        Assert.Equal(MediaDescription.Audio, audio.Kind);
        Assert.Equal(9, audio.Port);
        Assert.Equal("UDP/TLS/RTP/SAVPF", audio.Protocol);
        Assert.Equal(["111", "63", "9", "0", "8", "13", "110", "126"], audio.Formats);
        Assert.Equal("0", audio.Mid);
        Assert.Equal("qbml", audio.IceUfrag);
        Assert.Equal("zDTB1puWZThc8ENdqNMbsPcA", audio.IcePwd);
        Assert.Equal(DtlsSetupRole.ActPass, audio.Setup);
        Assert.Equal(MediaDirection.SendRecv, audio.Direction);
        Assert.True(audio.IsRtcpMux);
        Assert.True(audio.IsRtcpReducedSize);
        Assert.Equal(new Msid("90ac7ec8-a7a8-4207-9c77-9e0dba4b35e2", "7cb7134b-9448-4e45-9e47-bbc0879dd222"), audio.Msid);
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), audio.GetRtpMaps()[0]);
        Assert.Equal(new Fmtp(111, "minptime=10;useinbandfec=1"), audio.GetFmtps()[0]);
        Assert.Equal(new RtcpFeedback(111, "transport-cc", null), Assert.Single(audio.GetRtcpFeedback()));
        Assert.Equal(4, audio.GetExtMaps().Count);
        Assert.Equal(new SsrcLine(838303741, "cname", "9OVZsVN+wxe7tmCJ"), audio.GetSsrcLines()[0]);
        var fingerprint = Assert.Single(audio.GetFingerprints());
        Assert.Equal("sha-256", fingerprint.Algorithm);
        Assert.Equal(32, fingerprint.Hash.Length);
        Assert.Equal(0x5C, fingerprint.Hash[0]);
        Assert.Equal(0x31, fingerprint.Hash[31]);
    }

    [Fact]
    public void Video_section_is_read()
    {
        var video = Parse(SdpFixtures.ChromiumOffer).MediaDescriptions[1];

        Assert.Equal(MediaDescription.Video, video.Kind);
        Assert.Equal(23, video.Formats.Count);
        Assert.Equal(new ExtMap(14, null, "urn:ietf:params:rtp-hdrext:toffset", null), video.GetExtMaps()[0]);
        var group = Assert.Single(video.GetSsrcGroups());
        Assert.Equal(SsrcGroup.FlowIdentification, group.Semantics);
        Assert.Equal([2883432329u, 721358159u], group.Ssrcs);
        Assert.True(video.GetFmtps()[1].TryGetParameter("packetization-mode", out var mode));
        Assert.Equal("1", mode);
        Assert.Equal(DtlsSetupRole.ActPass, video.Setup);
    }

    [Fact]
    public void Unknown_attributes_and_lines_are_kept_in_order()
    {
        const string sdp = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\ni=info\r\nt=0 0\r\na=x-custom:some value\r\n"
            + "m=audio 9 RTP/AVP 0\r\nb=AS:64\r\na=x-flag\r\na=rtpmap:0 PCMU/8000\r\na=x-other:1\r\n";

        var description = Parse(sdp);

        Assert.Equal(sdp, description.ToString());
        Assert.Equal(new SdpAttributeLine("x-custom", "some value"), description.Attributes[0]);
        Assert.Equal(new SdpAttributeLine("x-flag", null), description.MediaDescriptions[0].Attributes[0]);
    }

    [Fact]
    public void A_built_description_is_written_in_rfc_line_order()
    {
        var description = new SessionDescription(new SdpOrigin("-", 42, 1, "IN", "IP4", "127.0.0.1"));
        description.Fields.Add(new SdpField('t', "0 0"));
        description.Attributes.Add(SdpAttributeNames.IceLite);
        var media = new MediaDescription(MediaDescription.Audio, 9, "UDP/TLS/RTP/SAVPF", ["111"]);
        media.Fields.Add(new SdpField('c', "IN IP4 0.0.0.0"));
        media.Attributes.Add(SdpAttributeNames.Mid, "0");
        media.Attributes.Add(new RtpMap(111, "opus", 48000, 2).ToAttribute());
        description.MediaDescriptions.Add(media);

        Assert.Equal(
            "v=0\r\no=- 42 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=ice-lite\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n",
            description.ToString());
    }

    internal static SessionDescription Parse(string sdp)
    {
        Assert.True(SessionDescription.TryParse(sdp, out var description, out var error), error);
        return description!;
    }
}
