using Relay.Media.Rtcp;
using Relay.Media.Sessions;
using Relay.Media.Transport;

namespace Relay.Media.Tests.Sessions;

/// <summary>A leg's quality figures, measured with real client-role peers through a real relay.</summary>
public sealed class MediaLegQualityTests
{
    [Fact]
    public async Task Injected_uplink_loss_shows_as_inbound_loss_and_in_the_relays_totals_once_the_leg_ends()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session, new() { OutgoingLoss = 0.2, LossSeed = 5, LossRecovery = false });
        var (bob, bobLeg) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);

        const int Sent = 600;
        for (var i = 0u; i < Sent; i++)
        {
            Assert.True(alice.SendRtp(MediaKind.Video, MediaTraffic.Payload(MediaKind.Video, i), marker: i % 10 == 9, timestamp: i / 10 * 3000));
            if (i % 32 == 31)
            {
                // Pacing keeps the burst inside the socket buffers: loss must be the injected kind.
                await Task.Delay(5);
            }
        }

        await RelayHarness.WaitUntilAsync(() => atBob.Distinct(MediaKind.Video) >= Sent - alice.LostOutgoing, "what survived the loss at Bob");
        var quality = aliceLeg.GetQuality();

        var video = Assert.Single(quality.Inbound, s => s.Kind == "video");
        Assert.Equal(atBob.Distinct(MediaKind.Video), video.Packets);
        var ratio = (double)video.Lost / (video.Packets + video.Lost);
        Assert.InRange(ratio, 0.15, 0.25);
        Assert.InRange(video.Lost, 1, alice.LostOutgoing);
        Assert.Equal(MediaTransport.Udp, quality.Transport);
        Assert.True(video.Bytes >= video.Packets * MediaTraffic.VideoPayloadSize);

        // Ending adds what the legs counted since their last tick (none may have run yet).
        aliceLeg.Close();
        bobLeg.Close();

        var counters = harness.Relay.Counters;
        Assert.Equal(video.Lost, counters.RtpLost(outbound: false, video: true));
        Assert.Equal(video.Packets, counters.RtpPackets(outbound: false, video: true));
        Assert.Equal(video.Bytes, counters.RtpBytes(outbound: false, video: true));
        Assert.Equal(video.Packets, counters.RtpPackets(outbound: true, video: true));
    }

    [Fact]
    public async Task The_receivers_report_on_a_relayed_sender_report_gives_its_loss_jitter_and_round_trip()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        var (bob, bobLeg) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        await MediaTraffic.SendAsync(alice, atBob, videoCount: 5, audioCount: 0);
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 5), "Alice's video at Bob");
        var report = new byte[64];
        var ntp = NtpTimestamp.FromDateTime(DateTime.UtcNow);
        Assert.True(new SenderReportWriter(alice.VideoSsrc, ntp, 90000, 5, 5500, []).TryWriteTo(report, out var written));
        var sentAt = DateTime.UtcNow;
        Assert.True(alice.SendRtcp(report.AsSpan(0, written)));
        await RelayHarness.WaitUntilAsync(() => bob.LastSenderReport is not null, "the relayed sender report");

        var heardAt = DateTime.UtcNow;

        // Bob answers as a browser would: an RR block about the relay's video track, echoing the
        // relayed SR's NTP time, with the time he held it (DLSR; measured from when this test saw
        // it arrive, so no more than the truth); a quarter lost, 9 ms of jitter.
        await Task.Delay(150);
        var track = bob.Answer!.SsrcOf(MediaKind.Video)!.Value;
        var held = NtpTimestamp.ToCompactDuration(DateTime.UtcNow - heardAt);
        var block = new ReportBlock(track, 64, 3, 5, 810, bob.LastSenderReport!.NtpTimestamp.Middle32, held);
        Assert.True(new ReceiverReportWriter(bob.VideoSsrc, [block]).TryWriteTo(report, out written));
        Assert.True(bob.SendRtcp(report.AsSpan(0, written)));
        Assert.True(bob.SendPli(track));
        await RelayHarness.WaitUntilAsync(() => bobLeg.GetQuality().PlisReceived == 1, "Bob's report and PLI at the relay");
        var elapsed = (DateTime.UtcNow - sentAt).TotalSeconds;

        var quality = bobLeg.GetQuality();
        var video = Assert.Single(quality.Outbound, s => s.Kind == "video");
        Assert.Equal(track, video.Ssrc);
        Assert.Equal(1, video.Reports);
        Assert.Equal(0.25, video.FractionLost);
        Assert.Equal(3, video.CumulativeLost);
        Assert.Equal(0.009, video.JitterSeconds, 9);
        Assert.Equal(5, video.Packets);
        // What is left once Bob's hold is taken off: the loopback trip and the test's polling. The
        // bound takes off the hold Bob reported, not the 150 ms asked of Task.Delay, whose coarse
        // tick clock can end it a few milliseconds early (a CI run measured 1 ms over that bound).
        Assert.NotNull(video.RoundTripSeconds);
        Assert.InRange(video.RoundTripSeconds!.Value, 0, elapsed - (held / 65536.0));
        Assert.Equal(video.RoundTripSeconds, quality.RoundTripSeconds);
        Assert.Equal(1, quality.PlisReceived);
        Assert.Equal(0, quality.FirsReceived);
    }
}
