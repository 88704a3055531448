using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Media.Client;
using Relay.Web.Features.Quality;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Quality;

/// <summary>
/// The live indicator's events and the stored timeline, with client-role peers streaming in real
/// time through a real server; the caller's uplink loses a fifth of its packets.
/// </summary>
public sealed class CallQualityTests
{
    private const string AdminName = "quality-admin";

    [Fact]
    public async Task Each_party_hears_how_both_links_are_and_a_lossy_uplink_is_poor()
    {
        await using var server = await RelayServer.StartAsync();
        await using var parties = await CallParties.CreateAsync(server);
        var atCaller = new EventInbox<CallQualityDto>(parties.CallerHub, "callQuality");
        var atCallee = new EventInbox<CallQualityDto>(parties.CalleeHub, "callQuality");
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id, new ClientPeerOptions { OutgoingLoss = 0.2, LossSeed = 9, LossRecovery = false });
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        using var stop = new CancellationTokenSource();
        var streaming = MediaPeers.StreamAsync(callerPeer, calleePeer, stop.Token);

        // The first event may cover an interval from before media flowed: wait for one with figures.
        var caller = await atCaller.NextAsync(q => q.You?.LossPercent > 0 && q.You.BitrateInKbps > 0, TimeSpan.FromSeconds(20));
        var callee = await atCallee.NextAsync(q => q.Other?.LossPercent > 0 && q.You?.BitrateInKbps > 0, TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await streaming;

        Assert.Equal(call.Id, caller.CallId);
        Assert.Equal(LinkQuality.Poor, caller.You!.Level);
        Assert.InRange(caller.You.LossPercent, 8, 35);
        // The callee's link loses nothing; its level rests on jitter, which a loaded machine can
        // push past "good", so it is checked against the thresholds rather than assumed.
        Assert.NotNull(caller.Other);
        Assert.Equal(0, caller.Other!.LossPercent);
        Assert.Equal(LinkQuality.LevelOf(caller.Other.LossPercent, caller.Other.JitterMs, caller.Other.RttMs), caller.Other.Level);
        Assert.Equal(0, callee.You!.LossPercent);
        Assert.Equal(LinkQuality.LevelOf(callee.You.LossPercent, callee.You.JitterMs, callee.You.RttMs), callee.You.Level);
        Assert.Equal(LinkQuality.Poor, callee.Other!.Level);
        // 80-byte audio every 20 ms is 32 kbit/s of payload before headers and losses.
        Assert.InRange(callee.You.BitrateInKbps, 10, 200);
    }

    [Fact]
    public async Task A_party_whose_path_goes_silent_reads_lost_to_both_parties()
    {
        await using var server = await RelayServer.StartAsync();
        await using var parties = await CallParties.CreateAsync(server);
        var atCaller = new EventInbox<CallQualityDto>(parties.CallerHub, "callQuality");
        var atCallee = new EventInbox<CallQualityDto>(parties.CalleeHub, "callQuality");
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        using var stop = new CancellationTokenSource();
        var streaming = MediaPeers.StreamAsync(callerPeer, calleePeer, stop.Token);
        var before = await atCallee.NextAsync(q => q.Other?.BitrateInKbps > 0, TimeSpan.FromSeconds(20));
        Assert.NotEqual(LinkQuality.Lost, before.Other!.Level);

        // The caller's network goes: no media, no consent checks; its signalling stays up.
        await stop.CancelAsync();
        await streaming;
        // The clock starts just after an answered check, so it runs from the relay's last one
        // rather than up to a check interval (and a late timer) after it.
        var answered = callerPeer.ConsentResponses;
        await Eventually.TrueAsync(() => Task.FromResult(callerPeer.ConsentResponses > answered), "a fresh consent answer", seconds: 10);
        callerPeer.StopConsentChecks();
        var silent = System.Diagnostics.Stopwatch.StartNew();

        var callee = await atCallee.NextAsync(q => q.Other?.Level == LinkQuality.Lost, TimeSpan.FromSeconds(20));
        var noticed = silent.Elapsed;
        var caller = await atCaller.NextAsync(q => q.You?.Level == LinkQuality.Lost, TimeSpan.FromSeconds(10));

        // Two-second events after six silent seconds; the callee's own path still answers.
        Assert.InRange(noticed.TotalSeconds, LinkQuality.LostAfter.TotalSeconds - 1, LinkQuality.LostAfter.TotalSeconds + 5);
        Assert.NotEqual(LinkQuality.Lost, callee.You!.Level);
        Assert.NotEqual(LinkQuality.Lost, caller.Other!.Level);
    }

    [Fact]
    public async Task Samples_are_stored_and_the_timeline_is_for_the_parties_and_admins_only()
    {
        await using var server = await RelayServer.StartAsync("--Admin:UserNames:0", AdminName);
        await using var parties = await CallParties.CreateAsync(server);
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id, new ClientPeerOptions { OutgoingLoss = 0.2, LossSeed = 9, LossRecovery = false });
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        using var stop = new CancellationTokenSource();
        var streaming = MediaPeers.StreamAsync(callerPeer, calleePeer, stop.Token);
        await Eventually.TrueAsync(
            async () => await server.QueryAsync(db => db.QualitySamples.CountAsync(s => s.CallId == call.Id && s.LossIn > 0)) >= 2,
            "two samples showing the caller's loss", seconds: 30);
        await stop.CancelAsync();
        await streaming;
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        await parties.CalleeEnded.NextAsync();

        var timeline = await parties.Caller.Http.GetFromJsonAsync<QualityTimelineDto>($"/calls/{call.Id}?handler=samples");
        Assert.NotNull(timeline);
        Assert.Equal([parties.Caller.UserName, parties.Callee.UserName], timeline!.Parties.Select(p => p.Name));
        var callerSamples = timeline.Parties[0].Samples;
        Assert.True(callerSamples.Count >= 2);
        Assert.Contains(callerSamples, s => s.LossInPercent is > 8 and < 35 && s.BitrateInKbps > 0);
        Assert.All(timeline.Parties[1].Samples, s => Assert.Equal(0, s.LossInPercent));
        Assert.Equal(callerSamples.OrderBy(s => s.At), callerSamples);
        var page = await parties.Callee.Http.GetStringAsync($"/calls/{call.Id}");
        Assert.Contains("data-testid=\"quality-chart\"", page, StringComparison.Ordinal);

        await using var admin = await WebUser.RegisterAsync(server, AdminName);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/calls/{call.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/calls/{call.Id}?handler=samples")).StatusCode);

        await using var stranger = await WebUser.RegisterAsync(server);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/calls/{call.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/calls/{call.Id}?handler=samples")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parties.Caller.Http.GetAsync($"/calls/{Guid.NewGuid()}?handler=samples")).StatusCode);
    }
}
