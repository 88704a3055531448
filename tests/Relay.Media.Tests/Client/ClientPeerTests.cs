using System.Net;
using Relay.Media.Client;
using Relay.Media.Dtls;
using Relay.Media.Sdp;
using Relay.Media.Sessions;
using Relay.Media.Tests.Sessions;

namespace Relay.Media.Tests.Client;

public sealed class ClientPeerTests
{
    [Fact]
    public async Task The_offer_reads_like_chromiums_and_the_relay_accepts_opus_and_vp8()
    {
        var certificate = DtlsCertificate.Create("offer-test");
        await using var peer = new ClientPeer(new() { Certificate = certificate });
        var offer = peer.CreateOffer();

        Assert.True(SessionDescription.TryParse(offer, out var description, out var error), error);
        Assert.Equal(["0", "1"], description!.GetBundleGroup()!.Mids);
        var audio = description.MediaDescriptions[0];
        var video = description.MediaDescriptions[1];
        Assert.Equal(("audio", "0", "111"), (audio.Kind, audio.Mid, audio.Formats[0]));
        Assert.Equal(("video", "1", "96"), (video.Kind, video.Mid, video.Formats[0]));
        foreach (var media in description.MediaDescriptions)
        {
            Assert.True(media.IsRtcpMux && media.IsRtcpReducedSize);
            Assert.Equal(DtlsSetupRole.ActPass, media.Setup);
            Assert.Equal(peer.LocalIce.Ufrag, media.IceUfrag);
            Assert.Equal(certificate.SdpFingerprint, media.GetFingerprints()[0].ToString(), ignoreCase: true);
        }

        Assert.Equal([peer.AudioSsrc], RemoteSource.ReadAll(audio).ConvertAll(s => s.Ssrc));
        var videoSource = Assert.Single(RemoteSource.ReadAll(video));
        Assert.Equal((peer.VideoSsrc, peer.VideoRtxSsrc), (videoSource.Ssrc, videoSource.RtxSsrc!.Value));
        Assert.NotNull(videoSource.Msid);
        Assert.EndsWith("\r\n", offer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_audio_only_offer_has_one_section()
    {
        await using var peer = new ClientPeer(new() { AudioOnly = true });
        var offer = peer.CreateOffer();

        Assert.True(SessionDescription.TryParse(offer, out var description, out _));
        Assert.Equal("audio", Assert.Single(description!.MediaDescriptions).Kind);
    }

    [Fact]
    public async Task The_relay_reports_the_peers_own_ipv4_address_in_its_binding_response()
    {
        await using var harness = new RelayHarness();
        var (peer, leg) = await harness.JoinAsync(new MediaSession(echo: true));

        // RFC 8489 §14.2: XOR-MAPPED-ADDRESS is the source the request came from, in its own family,
        // even though the relay's dual-mode socket sees it as ::ffff:127.0.0.1.
        Assert.Equal(peer.LocalEndPoint, peer.MappedAddress);
        Assert.NotNull(leg.SelectedAddress);
        Assert.Equal(DtlsSrtpProfile.AeadAes128Gcm, peer.SrtpProfile);
        Assert.Equal(leg.SrtpProfile, peer.SrtpProfile);
        Assert.Equal(0, peer.StunIntegrityFailures);
    }

    [Fact]
    public async Task Sending_rtp_allocates_nothing()
    {
        await using var harness = new RelayHarness();
        var (peer, _) = await harness.JoinAsync(new MediaSession(echo: true));
        var payload = new byte[1100];
        Assert.True(peer.SendRtp(MediaKind.Video, payload, marker: false, timestamp: 0));

        var allocated = SteadyStateAllocation.Measure(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                peer.SendRtp(MediaKind.Video, payload, marker: false, timestamp: (uint)i);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task A_bad_answer_is_refused_before_anything_is_sent()
    {
        await using var peer = new ClientPeer();

        await Assert.ThrowsAsync<FormatException>(() => peer.ConnectAsync("v=0\r\n", CancellationToken.None));
        Assert.Null(peer.MappedAddress);
    }

    [Fact]
    public async Task Connect_gives_up_when_cancelled_and_no_relay_answers()
    {
        await using var harness = new RelayHarness();
        var (peer, leg) = harness.Offer(new MediaSession());
        // Same answer, but the relay's candidate port points nowhere.
        var answer = leg.AnswerSdp.Replace($" {harness.Relay.LocalEndPoint.Port} typ host", " 9 typ host", StringComparison.Ordinal);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => peer.ConnectAsync(answer, cancel.Token));
        Assert.Equal(IPAddress.Loopback, peer.Answer!.EndPoint.Address);
    }
}
