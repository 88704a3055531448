using Microsoft.AspNetCore.SignalR.Client;
using Relay.Media.Client;
using Relay.Media.Sessions;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Monitoring;

/// <summary>
/// The media plane's per-leg statistics on /metrics: a real server, client-role peers that lose
/// a known share of what they send (no NACKs, so nothing is repaired), scraped after the call.
/// </summary>
public sealed class CallQualityMetricsTests
{
    private const double InjectedLoss = 0.1;
    private const int Packets = 800;

    [Fact]
    public async Task Loss_injected_on_both_uplinks_shows_on_metrics_within_a_small_tolerance()
    {
        await using var server = await RelayServer.StartAsync();
        await using var parties = await CallParties.CreateAsync(server);
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id, new ClientPeerOptions { OutgoingLoss = InjectedLoss, LossSeed = 3, LossRecovery = false });
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id, new ClientPeerOptions { OutgoingLoss = InjectedLoss, LossSeed = 4, LossRecovery = false });

        for (var i = 0; i < Packets; i++)
        {
            callerPeer.SendRtp(MediaKind.Video, new byte[900], marker: i % 5 == 4, timestamp: (uint)(i / 5 * 3000));
            calleePeer.SendRtp(MediaKind.Audio, new byte[80], marker: false, timestamp: (uint)(i * 960));
            if (i % 32 == 31)
            {
                // Pacing keeps the burst inside the socket buffers: the loss must be the injected loss.
                await Task.Delay(5);
            }
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(calleePeer.ReceivedPackets(MediaKind.Video) >= Packets - callerPeer.LostOutgoing
                && callerPeer.ReceivedPackets(MediaKind.Audio) >= Packets - calleePeer.LostOutgoing),
            "what survived the loss to arrive");
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        await parties.CalleeEnded.NextAsync();

        // The legs add their last figures as they end.
        var after = await MetricsScrape.ReadAsync(server);
        await Eventually.TrueAsync(
            async () => (after = await MetricsScrape.ReadAsync(server)).Value("mediarelay_rtp_packets_total", ("direction", "in"), ("kind", "audio")) > 0,
            "the legs' figures on /metrics");
        foreach (var kind in new[] { "video", "audio" })
        {
            var received = after.Value("mediarelay_rtp_packets_total", ("direction", "in"), ("kind", kind));
            var lost = after.Value("mediarelay_rtp_packets_lost_total", ("direction", "in"), ("kind", kind));
            Assert.InRange(lost / (received + lost), InjectedLoss - 0.035, InjectedLoss + 0.035);
            Assert.True(received < Packets && received > Packets * 0.8, $"{kind}: {received} received");
            // Everything the relay received it sent on (one receiver each); the browsers sent no reports.
            Assert.Equal(received, after.Value("mediarelay_rtp_packets_total", ("direction", "out"), ("kind", kind)));
            Assert.Equal(0, after.Value("mediarelay_rtp_packets_lost_total", ("direction", "out"), ("kind", kind)));
        }

        var injected = callerPeer.LostOutgoing + calleePeer.LostOutgoing;
        var counted = after.Value("mediarelay_rtp_packets_lost_total", ("direction", "in"), ("kind", "video"))
            + after.Value("mediarelay_rtp_packets_lost_total", ("direction", "in"), ("kind", "audio"));
        // Only a loss at the very end of a stream goes unseen (no later packet shows the gap).
        Assert.InRange(counted, injected - 10, injected);
        Assert.True(after.Value("mediarelay_rtp_bytes_total", ("direction", "in"), ("kind", "video")) >= 900 * Packets * 0.8);
        Assert.True(after.Value("mediarelay_leg_jitter_seconds_count", ("direction", "in"), ("kind", "video")) >= 1);
        Assert.Equal(1, after.Value("mediarelay_call_setup_seconds_count"));
        Assert.Equal(1, after.Value("mediarelay_call_setup_seconds_bucket", ("le", "+Inf")));
    }
}
