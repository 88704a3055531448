using Relay.Media.Diagnostics;
using Relay.Media.Sessions;
using Relay.Media.Transport;

namespace Relay.Media.Tests.Sessions;

/// <summary>Calls whose legs run over ICE-TCP (RFC 6544, RFC 4571 framing), as behind a UDP-blocking firewall.</summary>
public sealed class IceTcpCallTests
{
    [Fact]
    public async Task Two_peers_over_tcp_exchange_audio_and_video_both_ways_without_loss()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session, new() { Transport = MediaTransport.Tcp });
        var (bob, bobLeg) = await harness.JoinAsync(session, new() { Transport = MediaTransport.Tcp });
        var atAlice = new MediaTraffic(alice);
        var atBob = new MediaTraffic(bob);

        await Task.WhenAll(
            MediaTraffic.SendAsync(alice, atBob, videoCount: 300, audioCount: 150),
            MediaTraffic.SendAsync(bob, atAlice, videoCount: 300, audioCount: 150));

        await RelayHarness.WaitUntilAsync(
            () => atBob.HasAll(MediaKind.Video, 300) && atBob.HasAll(MediaKind.Audio, 150)
                && atAlice.HasAll(MediaKind.Video, 300) && atAlice.HasAll(MediaKind.Audio, 150),
            "every packet both ways");
        Assert.Equal(MediaTransport.Tcp, aliceLeg.Transport);
        Assert.Equal(MediaTransport.Tcp, bobLeg.Transport);
        Assert.Equal(0, atAlice.Corrupt + atBob.Corrupt);
        Assert.Equal(300 + 150, alice.ReceivedPackets(MediaKind.Video) + alice.ReceivedPackets(MediaKind.Audio));
        Assert.Equal(300 + 150, bob.ReceivedPackets(MediaKind.Video) + bob.ReceivedPackets(MediaKind.Audio));
        Assert.Equal(0, alice.SrtpFailures + bob.SrtpFailures + alice.UnknownStreams + bob.UnknownStreams);
        Assert.Equal(0, alice.IgnoredDatagrams + bob.IgnoredDatagrams + alice.BadFrames + bob.BadFrames);
        // Nothing went over UDP, nothing was refused or dropped for want of queue space.
        var tcp = harness.Relay.TcpCounters!;
        Assert.Equal(2, harness.Relay.TcpConnectionCount);
        Assert.Equal(2, tcp.Accepted);
        Assert.Equal(0, tcp.SendQueueDrops + tcp.Rejected);
        Assert.Equal(0, harness.Relay.Counters.Dropped(DropReason.UnverifiedSource) + harness.Relay.Counters.Dropped(DropReason.NotConnected));
        Assert.Equal(LegState.Connected, aliceLeg.State);
        Assert.Equal(LegState.Connected, bobLeg.State);
    }

    [Fact]
    public async Task A_udp_peer_and_a_tcp_peer_share_a_call()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, bobLeg) = await harness.JoinAsync(session, new() { Transport = MediaTransport.Tcp });
        var atAlice = new MediaTraffic(alice);
        var atBob = new MediaTraffic(bob);

        await Task.WhenAll(
            MediaTraffic.SendAsync(alice, atBob, videoCount: 200, audioCount: 100),
            MediaTraffic.SendAsync(bob, atAlice, videoCount: 200, audioCount: 100));

        await RelayHarness.WaitUntilAsync(
            () => atBob.HasAll(MediaKind.Video, 200) && atBob.HasAll(MediaKind.Audio, 100)
                && atAlice.HasAll(MediaKind.Video, 200) && atAlice.HasAll(MediaKind.Audio, 100),
            "every packet both ways");
        Assert.Equal(MediaTransport.Udp, aliceLeg.Transport);
        Assert.Equal(MediaTransport.Tcp, bobLeg.Transport);
        Assert.Equal(0, atAlice.Corrupt + atBob.Corrupt);
        Assert.Equal(1, harness.Relay.TcpConnectionCount);
        // The PLI the relay sends at Bob's join went to Alice over UDP; SRTCP from Bob over TCP reaches her too.
        await RelayHarness.WaitUntilAsync(() => alice.KeyFrameRequests >= 1, "the key-frame request at Bob's join");
        var before = alice.KeyFrameRequests;
        // The relay rate-limits key-frame requests per sender, so Bob repeats his until one passes.
        var deadline = DateTime.UtcNow + RelayHarness.Bound;
        while (alice.KeyFrameRequests == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "No PLI from Bob over TCP reached Alice.");
            Assert.True(bob.SendPli(bob.Answer!.SsrcOf(MediaKind.Video)!.Value));
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Hanging_up_a_tcp_leg_closes_its_connection()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (peer, leg) = await harness.JoinAsync(session, new() { Transport = MediaTransport.Tcp });
        var connection = Assert.Single(harness.Relay.TcpConnections);
        Assert.True(connection.IsBound);

        await peer.DisposeAsync();

        await RelayHarness.WaitUntilAsync(() => leg.State == LegState.Closed && harness.Relay.TcpConnectionCount == 0, "the leg and its connection to close");
        await connection.Completion.WaitAsync(RelayHarness.Bound);
        Assert.Equal(0, harness.Relay.LegCount);
    }

    [Fact]
    public async Task A_dropped_connection_leaves_its_leg_which_consent_then_ends()
    {
        await using var harness = new RelayHarness(o => o.ConsentTimeout = TimeSpan.FromSeconds(2));
        var session = new MediaSession();
        var (_, leg) = await harness.JoinAsync(session, new() { Transport = MediaTransport.Tcp });
        var connection = Assert.Single(harness.Relay.TcpConnections);

        // As if the browser's network went away: the connection ends without a DTLS close_notify.
        connection.Close(TcpCloseReason.ReceiveFailed);

        await connection.Completion.WaitAsync(RelayHarness.Bound);
        Assert.Equal(0, harness.Relay.TcpConnectionCount);
        Assert.Null(leg.Transport);
        Assert.Null(leg.SelectedAddress);
        await RelayHarness.WaitUntilAsync(() => leg.State == LegState.Failed, "consent to end the leg");
        Assert.Equal(LegFailure.ConsentExpired, leg.Failure);
        Assert.Equal(0, harness.Relay.LegCount);
    }

    [Theory]
    [InlineData(MediaTransport.Udp)]
    [InlineData(MediaTransport.Tcp)]
    public async Task A_leg_ended_at_the_relay_tells_its_peer_with_a_close_notify(MediaTransport transport)
    {
        await using var harness = new RelayHarness();
        var (peer, leg) = await harness.JoinAsync(new MediaSession(), new() { Transport = transport });

        leg.Close();

        // RFC 5246 §7.2.1: the browser learns of the hang-up at once, not at its consent timeout.
        await peer.DtlsClosed.WaitAsync(RelayHarness.Bound);
    }

    [Fact]
    public async Task Ending_a_tcp_leg_at_the_relay_closes_its_connection()
    {
        await using var harness = new RelayHarness();
        var (_, leg) = await harness.JoinAsync(new MediaSession(), new() { Transport = MediaTransport.Tcp });
        var connection = Assert.Single(harness.Relay.TcpConnections);

        leg.Close();

        await connection.Completion.WaitAsync(RelayHarness.Bound);
        Assert.Equal(TcpCloseReason.LegEnded, connection.CloseReason);
        Assert.Equal(0, harness.Relay.TcpConnectionCount);
        Assert.Equal(1, harness.Relay.TcpCounters!.Closed(TcpCloseReason.LegEnded));
    }

    [Fact]
    public async Task A_nominated_tcp_check_does_not_take_a_live_udp_legs_media_but_a_quiet_one_moves_to_tcp()
    {
        await using var harness = new RelayHarness();
        var (peer, leg) = await harness.JoinAsync(new MediaSession(), new() { ConsentInterval = TimeSpan.FromMilliseconds(250) });
        using var wire = await TcpWire.ConnectAsync(harness);

        // The browser checks its TCP pair too, nominating it as it nominates every pair.
        await wire.SendFrameAsync(MediaLegSecurityTests.Check(leg, leg.Ice.Local.Password, out _));
        Assert.NotNull(await wire.ReadFrameAsync());
        Assert.True(Assert.Single(harness.Relay.TcpConnections).IsBound);
        Assert.Equal(MediaTransport.Udp, leg.Transport);

        // UDP goes quiet (a firewall starts dropping it) while TCP checks go on: media moves to TCP.
        // The clock starts just after an answered UDP check, so it runs from the relay's last one
        // rather than up to a check interval (and a late timer) after it.
        var answered = peer.ConsentResponses;
        await RelayHarness.WaitUntilAsync(() => peer.ConsentResponses > answered, "a fresh UDP consent answer");
        peer.StopConsentChecks();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (leg.Transport != MediaTransport.Tcp)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "The leg never moved to TCP.");
            await wire.SendFrameAsync(MediaLegSecurityTests.Check(leg, leg.Ice.Local.Password, out _));
            Assert.NotNull(await wire.ReadFrameAsync());
            await Task.Delay(250);
        }

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(4), $"Moved after {clock.Elapsed}, while UDP was still fresh.");
    }
}
