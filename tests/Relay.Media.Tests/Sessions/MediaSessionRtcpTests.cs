using Relay.Media.Rtcp;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>The relay as an RTP endpoint for RTCP: sender reports relayed per track, and hang-ups.</summary>
public sealed class MediaSessionRtcpTests
{
    [Fact]
    public async Task A_sender_report_reaches_the_receiver_under_the_relays_track_with_the_tracks_counts()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        var (bob, bobLeg) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        await MediaTraffic.SendAsync(alice, atBob, videoCount: 5, audioCount: 0);
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 5), "Alice's video at Bob");
        var ntp = NtpTimestamp.FromDateTime(new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc));
        var report = new byte[64];
        Assert.True(new SenderReportWriter(alice.VideoSsrc, ntp, 123456, 5, 5 * 1100, []).TryWriteTo(report, out var written));

        Assert.True(alice.SendRtcp(report.AsSpan(0, written)));

        await RelayHarness.WaitUntilAsync(() => bob.LastSenderReport is not null, "the relayed sender report");
        var relayed = bob.LastSenderReport!;
        Assert.Equal(bob.Answer!.SsrcOf(MediaKind.Video), relayed.Ssrc);
        Assert.Equal(ntp, relayed.NtpTimestamp);
        Assert.Equal(123456u, relayed.RtpTimestamp);
        Assert.Equal((uint)bobLeg.VideoOut!.PacketsSent, relayed.PacketCount);
        Assert.Equal(5u, relayed.PacketCount);
        Assert.Equal(1, bob.SenderReports);
        Assert.Null(alice.LastSenderReport);
    }

    [Fact]
    public async Task A_peer_that_hangs_up_closes_its_leg()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (_, bobLeg) = await harness.JoinAsync(session);

        await alice.DisposeAsync();

        await RelayHarness.WaitUntilAsync(() => aliceLeg.State == LegState.Closed, "the close_notify to close the leg");
        Assert.Null(aliceLeg.Failure);
        Assert.Equal(1, harness.Relay.LegCount);
        Assert.Equal([bobLeg], session.Legs);
    }
}
