using System.Diagnostics;
using static Microsoft.Playwright.Assertions;

namespace Relay.Network.Tests;

public sealed partial class NetworkOutageTests
{
    /// <summary>
    /// The caller's browser moves to another network mid-call (a new link and address; the old one
    /// goes, and with it every connection bound to it). Nothing tells the page: its hub WebSocket
    /// stays open and dead until the server's pings stop arriving, and its peer connection fails.
    /// The call must follow it, in less than SignalR's default 30 s server timeout alone.
    /// </summary>
    [SkippableFact]
    public async Task A_call_follows_a_browser_that_moves_to_another_network()
    {
        await using var call = await OutageCall.StartAsync(fixture, calleeOnHost: true);
        var (caller, callee) = (call.Caller, call.Callee);
        var callId = await caller.Page.EvaluateAsync<string>("() => window.__relayCall.callId()");
        var framesBefore = await FramesDecodedAsync(callee);

        var moved = Stopwatch.StartNew();
        await call.SwitchNetworkAsync();
        await WaitForFramesAsync(callee, framesBefore + 60, TimeSpan.FromSeconds(60));
        var flowing = moved.Elapsed;
        await Expect(caller.ByTestId("call-reconnecting")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        var callerRejoins = await caller.Page.EvaluateAsync<int>("() => window.__relayCall.rejoins()");
        output.WriteLine($"network switch: the callee had 60 more of the caller's frames after {flowing.TotalSeconds:F1} s (new peer connections: {callerRejoins})");

        Assert.True(flowing < TimeSpan.FromSeconds(30), $"the caller's video came back {flowing.TotalSeconds:F1} s after the switch");
        Assert.InRange(callerRejoins, 1, 3);
        Assert.Equal(callId, await callee.Page.EvaluateAsync<string>("() => window.__relayCall.callId()"));
        await call.ExpectCallerDecodesAsync();
        await call.ExpectGoesOnAsync();
    }
}
