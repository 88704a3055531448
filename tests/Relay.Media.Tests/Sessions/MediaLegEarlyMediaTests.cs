using Relay.Media.Client;
using Relay.Media.Diagnostics;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>
/// MEDIA-NOTES pitfall 3: the browser sends SRTP the moment it has the relay's Finished, which
/// the relay's socket thread can read before its handshake thread has made the SRTP contexts.
/// </summary>
public sealed class MediaLegEarlyMediaTests
{
    /// <summary>The race is narrow; enough legs make it likely to show (3 in 40 lost a packet before the fix).</summary>
    private const int Legs = 40;

    [Fact]
    public async Task Media_sent_the_moment_the_peer_has_keys_is_not_lost()
    {
        await using var harness = new RelayHarness();
        var peers = new List<ClientPeer>();
        for (var i = 0; i < Legs; i++)
        {
            var (peer, leg) = harness.Offer(new MediaSession(echo: true));
            peer.KeysInstalled += p => p.SendRtp(MediaKind.Audio, MediaTraffic.Payload(MediaKind.Audio, 0), marker: false, timestamp: 0);
            using var timeout = new CancellationTokenSource(RelayHarness.Bound);
            await peer.ConnectAsync(leg.AnswerSdp, timeout.Token);
            peers.Add(peer);
        }

        // Each first packet comes back, and each peer gets the relay's join-time PLI, sent just after its Finished.
        await RelayHarness.WaitUntilAsync(
            () => peers.TrueForAll(p => p.ReceivedPackets(MediaKind.Audio) == 1 && p.KeyFrameRequests >= 1), "every echo and PLI");
        Assert.Equal(0, harness.Relay.Counters.Dropped(DropReason.NotConnected));
        Assert.All(peers, p => Assert.Equal(0, p.UnknownStreams + p.SrtpFailures));
    }
}
