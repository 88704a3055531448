using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Data.Entities;
using Relay.Media.Client;
using Relay.Media.Sessions;
using Relay.Media.Transport;
using Relay.Web.Features.Calls;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Calls;

/// <summary>
/// Calls with real media, without a browser: each party's "browser" is the media plane's
/// client-role peer, offering through the real hub to the real relay.
/// </summary>
public sealed class CallMediaTests : IAsyncLifetime
{
    private RelayServer _server = null!;

    // Short enough for the consent test, four check intervals long so a busy machine does not fail
    // live legs; and a short wait for a party whose leg failed to offer again (CallResumeTests).
    public async Task InitializeAsync() =>
        _server = await RelayServer.StartAsync("--Media:ConsentTimeout", "00:00:04", "--Calls:ReconnectGrace", "00:00:02");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_call_is_connected_once_both_legs_carry_media_and_media_flows_both_ways()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);

        await Eventually.TrueAsync(async () => (await RowAsync(call.Id)).State == CallState.Connected, "the call to be recorded as connected", seconds: 10);
        Assert.NotNull((await RowAsync(call.Id)).ConnectedAt);

        for (var i = 0; i < 20; i++)
        {
            callerPeer.SendRtp(MediaKind.Video, new byte[900], marker: i % 5 == 4, timestamp: (uint)(i * 3000));
            calleePeer.SendRtp(MediaKind.Audio, new byte[80], marker: false, timestamp: (uint)(i * 960));
        }

        await Eventually.TrueAsync(() => Task.FromResult(calleePeer.ReceivedPackets(MediaKind.Video) == 20), "the callee to receive the caller's video", seconds: 10);
        await Eventually.TrueAsync(() => Task.FromResult(callerPeer.ReceivedPackets(MediaKind.Audio) == 20), "the caller to receive the callee's audio", seconds: 10);
        Assert.True(_server.GetRequiredService<CallManager>().PacketsForwarded(call.Id) >= 40);
    }

    [Fact]
    public async Task A_party_behind_a_udp_blocking_firewall_joins_over_ice_tcp()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id, new() { Transport = MediaTransport.Tcp });

        await Eventually.TrueAsync(async () => (await RowAsync(call.Id)).State == CallState.Connected, "the call to be recorded as connected", seconds: 10);
        for (var i = 0; i < 20; i++)
        {
            callerPeer.SendRtp(MediaKind.Video, new byte[900], marker: i % 5 == 4, timestamp: (uint)(i * 3000));
            calleePeer.SendRtp(MediaKind.Video, new byte[900], marker: i % 5 == 4, timestamp: (uint)(i * 3000));
        }

        await Eventually.TrueAsync(() => Task.FromResult(calleePeer.ReceivedPackets(MediaKind.Video) == 20), "the callee to receive the caller's video over TCP", seconds: 10);
        await Eventually.TrueAsync(() => Task.FromResult(callerPeer.ReceivedPackets(MediaKind.Video) == 20), "the caller to receive the callee's video sent over TCP", seconds: 10);
        var relay = _server.GetRequiredService<MediaRelayHost>().Relay;
        Assert.Equal(1, relay.TcpConnectionCount);
        Assert.Contains(relay.Legs, leg => leg.Transport == MediaTransport.Tcp);
        Assert.Contains(relay.Legs, leg => leg.Transport == MediaTransport.Udp);
    }

    [Fact]
    public async Task A_party_whose_media_consent_is_lost_and_who_does_not_offer_again_ends_the_call_as_failed_for_both()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync("audio");
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await Eventually.TrueAsync(async () => (await RowAsync(call.Id)).State == CallState.Connected, "the call to connect", seconds: 10);

        // The callee's network goes away, but its hub connection stays up: only consent tells.
        calleePeer.StopConsentChecks();

        Assert.Equal("Failed", (await parties.CallerEnded.NextAsync(TimeSpan.FromSeconds(15))).Reason);
        Assert.Equal("Failed", (await parties.CalleeEnded.NextAsync()).Reason);
        var row = await RowAsync(call.Id);
        Assert.Equal(CallEndReason.Failed, row.EndReason);
        Assert.NotNull(row.ConnectedAt);
        await Eventually.TrueAsync(() => Task.FromResult(_server.GetRequiredService<MediaRelayHost>().Relay.LegCount == 0), "the relay to release both legs", seconds: 10);
    }

    [Fact]
    public async Task A_second_offer_from_the_same_party_replaces_its_leg()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync();
        var relay = _server.GetRequiredService<MediaRelayHost>().Relay;
        await using var first = new ClientPeer();
        await parties.CallerHub.InvokeAsync<string>("WebrtcOffer", call.Id.ToString(), first.CreateOffer());
        await using var second = new ClientPeer();
        await parties.CallerHub.InvokeAsync<string>("WebrtcOffer", call.Id.ToString(), second.CreateOffer());

        Assert.Equal(1, relay.LegCount);
    }

    private Task<CallRecord> RowAsync(Guid id) => _server.QueryAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == id));
}
