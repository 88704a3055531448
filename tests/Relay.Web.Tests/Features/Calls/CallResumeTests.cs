using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Media.Client;
using Relay.Data.Entities;
using Relay.Web.Features.Calls;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Calls;

/// <summary>
/// A connected call waits Calls:ReconnectGrace for a party whose network dropped: a failed media
/// leg is replaced by a new offer, a lost hub connection by ResumeCall from a new one; a party
/// that does not come back in time ends the call as failed.
/// </summary>
public sealed class CallResumeTests
{
    [Fact]
    public async Task A_party_whose_leg_failed_offers_again_and_the_call_goes_on()
    {
        await using var server = await RelayServer.StartAsync("--Media:ConsentTimeout", "00:00:03", "--Calls:ReconnectGrace", "00:00:08");
        await using var parties = await CallParties.CreateAsync(server);
        var call = await parties.RingAndAcceptAsync();
        // The caller's leg must outlive the 3 s consent timeout for the whole test: checks every
        // 250 ms leave it room for a starved timer on a busy machine.
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id, new ClientPeerOptions { ConsentInterval = TimeSpan.FromMilliseconds(250) });
        await using var firstCalleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await Eventually.TrueAsync(async () => (await RowAsync(server, call.Id)).State == CallState.Connected, "the call to connect", seconds: 10);
        var relay = server.GetRequiredService<MediaRelayHost>().Relay;

        // The callee's network goes; its hub connection stays up. Consent fails its leg.
        firstCalleePeer.StopConsentChecks();
        await Eventually.TrueAsync(() => Task.FromResult(relay.LegCount == 1), "the relay to drop the callee's leg", seconds: 10);
        Assert.True(await parties.CallerEnded.StaysEmptyAsync(TimeSpan.FromSeconds(1)), "the call ended when the callee's leg failed");

        // Its browser offers again: a new leg, and media both ways through it.
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await MediaPeers.ExchangeMediaAsync(callerPeer, calleePeer, 20);

        // Back in time: the deadline passes and the call goes on.
        Assert.True(await parties.CallerEnded.StaysEmptyAsync(TimeSpan.FromSeconds(9)), "the call ended although the callee came back");
        Assert.Equal(CallState.Connected, (await RowAsync(server, call.Id)).State);
        var metrics = await MetricsScrape.ReadAsync(server);
        Assert.Equal(1, metrics.Value("mediarelay_call_dropouts_total", ("outcome", "resumed")));
        Assert.Equal(0, metrics.Value("mediarelay_call_dropouts_total", ("outcome", "timed_out")));
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        Assert.Equal("HungUp", (await parties.CalleeEnded.NextAsync()).Reason);
    }

    [Fact]
    public async Task A_tab_whose_hub_connection_dropped_resumes_the_call_from_a_new_one()
    {
        await using var server = await RelayServer.StartAsync("--Calls:ReconnectGrace", "00:00:08");
        await using var parties = await DroppableCall.ConnectAsync(server);
        var (call, calleeEnded) = (parties.Call, parties.CalleeEnded);

        parties.DropCallerNetwork();
        Assert.True(await calleeEnded.StaysEmptyAsync(TimeSpan.FromSeconds(2)), "the call ended when the caller's connection dropped");

        // The caller's tab is back on a new connection; its media never stopped.
        var newCallerHub = await parties.Caller.ConnectAsync();
        var resumed = await newCallerHub.InvokeAsync<CallDto>("ResumeCall", call.Id.ToString());
        Assert.Equal(call.Id, resumed.Id);
        Assert.Equal("Connected", resumed.State);
        await MediaPeers.ExchangeMediaAsync(parties.CallerPeer, parties.CalleePeer, 20);

        // The new connection now carries the caller's part: it may offer, and the deadline passes harmlessly.
        await using var replacement = await MediaPeers.JoinAsync(newCallerHub, call.Id);
        Assert.True(await calleeEnded.StaysEmptyAsync(TimeSpan.FromSeconds(8)), "the call ended although the caller came back");

        // Only the call's parties may resume it, and only while it is connected.
        await using var stranger = await WebUser.RegisterAsync(server);
        var strangerHub = await stranger.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<CallDto>("ResumeCall", call.Id.ToString()));
        Assert.Contains("not part of it", refused.Message, StringComparison.Ordinal);
        await newCallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        Assert.Equal("HungUp", (await calleeEnded.NextAsync()).Reason);
        var ended = await Assert.ThrowsAsync<HubException>(() => newCallerHub.InvokeAsync<CallDto>("ResumeCall", call.Id.ToString()));
        Assert.Contains("does not exist", ended.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tab_that_does_not_come_back_in_time_ends_the_call_as_failed()
    {
        await using var server = await RelayServer.StartAsync("--Calls:ReconnectGrace", "00:00:02");
        await using var parties = await DroppableCall.ConnectAsync(server);

        var dropped = System.Diagnostics.Stopwatch.StartNew();
        parties.DropCallerNetwork();

        Assert.Equal("Failed", (await parties.CalleeEnded.NextAsync(TimeSpan.FromSeconds(10))).Reason);
        Assert.InRange(dropped.Elapsed.TotalSeconds, 1.5, 8);
        Assert.Equal(CallEndReason.Failed, (await RowAsync(server, parties.Call.Id)).EndReason);
        Assert.Equal(1, (await MetricsScrape.ReadAsync(server)).Value("mediarelay_call_dropouts_total", ("outcome", "timed_out")));
    }

    private static Task<CallRecord> RowAsync(RelayServer server, Guid id) =>
        server.QueryAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>A connected call with media both ways, whose caller's hub connection can lose its network.</summary>
    private sealed record DroppableCall(
        WebUser Caller,
        WebUser Callee,
        CallDto Call,
        Action DropCallerNetwork,
        EventInbox<CallEndedDto> CalleeEnded,
        ClientPeer CallerPeer,
        ClientPeer CalleePeer) : IAsyncDisposable
    {
        public static async Task<DroppableCall> ConnectAsync(RelayServer server)
        {
            var caller = await WebUser.RegisterAsync(server);
            var callee = await WebUser.RegisterAsync(server);
            var conversationId = await caller.OpenPrivateConversationAsync(callee.UserName);
            var (callerHub, drop) = await caller.ConnectDroppableAsync();
            var calleeHub = await callee.ConnectAsync();
            var calleeEnded = new EventInbox<CallEndedDto>(calleeHub, "callEnded");
            var incoming = new EventInbox<CallDto>(calleeHub, "callIncoming");
            var call = await callerHub.InvokeAsync<CallDto>("CallInvite", conversationId, "video");
            await incoming.NextAsync(c => c.Id == call.Id);
            await calleeHub.InvokeAsync<CallDto>("CallAccept", call.Id.ToString());
            var callerPeer = await MediaPeers.JoinAsync(callerHub, call.Id);
            var calleePeer = await MediaPeers.JoinAsync(calleeHub, call.Id);
            await Eventually.TrueAsync(async () => (await RowAsync(server, call.Id)).State == CallState.Connected, "the call to connect", seconds: 10);
            return new DroppableCall(caller, callee, call, drop, calleeEnded, callerPeer, calleePeer);
        }

        public async ValueTask DisposeAsync()
        {
            await CallerPeer.DisposeAsync();
            await CalleePeer.DisposeAsync();
            await Caller.DisposeAsync();
            await Callee.DisposeAsync();
        }
    }
}
