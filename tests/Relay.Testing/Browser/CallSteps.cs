using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Relay.Testing.Browser;

/// <summary>getStats figures of one tab's call leg, as window.__relayCall.stats() (wwwroot/js/calls.js) reports them.</summary>
public sealed record CallStats(
    string ConnectionState,
    long FramesDecoded,
    long VideoPacketsReceived,
    long AudioPacketsReceived,
    double? AudioLevel,
    IReadOnlyList<string> InboundKinds,
    long FramesSent,
    long AudioPacketsSent,
    IReadOnlyList<string> TransceiverKinds,
    IReadOnlyList<string> RemoteMediaKinds,
    string? RemoteAddress,
    string? RemoteProtocol);

/// <summary>What the call tests do in a person's window, and how they read the call's media.</summary>
public static class CallSteps
{
    public const string Password = "call test password";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Registers both people; <paramref name="caller"/> opens their private conversation, ready to call.</summary>
    public static async Task OpenConversationAsync(UserPage caller, UserPage callee)
    {
        await caller.RegisterAsync(Password);
        await callee.RegisterAsync(Password);
        await caller.Page.GotoAsync($"/chat/with/{callee.Name}");
        await caller.WaitForChatReadyAsync();
        await WaitForCallReadyAsync(caller);
        await WaitForCallReadyAsync(callee);
    }

    /// <summary>calls.js has registered its events and the hub connection is up, so an incoming call rings.</summary>
    public static Task WaitForCallReadyAsync(UserPage user) =>
        user.Page.Locator("#call-window[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });

    public static async Task ExpectStateAsync(UserPage user, string state, int timeoutMs = 10_000)
    {
        try
        {
            await Expect(user.ByTestId("call-state")).ToHaveTextAsync(state, new() { Timeout = timeoutMs });
        }
        catch (PlaywrightException e)
        {
            // The page's own errors usually say why the call did not get there.
            throw new InvalidOperationException($"{user.Name}: {e.Message}\npage errors:\n{string.Join('\n', user.Errors)}", e);
        }
    }

    /// <summary>The caller calls; the callee's window rings; the callee accepts; both reach "connected".</summary>
    public static async Task CallAndAnswerAsync(UserPage caller, UserPage callee, string button)
    {
        await caller.ByTestId(button).ClickAsync();
        await ExpectStateAsync(caller, "calling");
        await ExpectStateAsync(callee, "ringing");
        await callee.ByTestId("call-accept").ClickAsync();
        await ExpectStateAsync(callee, "connected", 20_000);
        await ExpectStateAsync(caller, "connected", 20_000);
    }

    public static async Task<string?> ToneAsync(UserPage user) =>
        await user.Page.EvaluateAsync<string?>("() => window.__relayCall.tone()");

    public static async Task<CallStats> StatsAsync(UserPage user)
    {
        var json = await user.Page.EvaluateAsync<JsonElement>("async () => JSON.stringify(await window.__relayCall.stats())");
        var stats = JsonSerializer.Deserialize<CallStats>(json.GetString() ?? "null", Json);
        return stats ?? throw new InvalidOperationException($"{user.Name} has no call leg");
    }

    /// <summary>Polls getStats until <paramref name="condition"/> holds; fails with the last figures.</summary>
    public static async Task<CallStats> WaitForStatsAsync(UserPage user, Func<CallStats, bool> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var stats = await StatsAsync(user);
        while (!condition(stats))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{user.Name}: {what} did not happen within {seconds} s; last stats {stats}");
            await Task.Delay(250);
            stats = await StatsAsync(user);
        }

        return stats;
    }

    /// <summary>A figure keeps growing: it rises by at least <paramref name="step"/> over its value now.</summary>
    public static async Task ExpectGrowingAsync(UserPage user, Func<CallStats, long> figure, long step, string what)
    {
        var start = figure(await StatsAsync(user));
        await WaitForStatsAsync(user, s => figure(s) >= start + step, $"{what} growing by {step} from {start}");
    }

    /// <summary>
    /// A figure stops: within <paramref name="seconds"/> it rises by at most <paramref name="slack"/>
    /// over two seconds. The time allows for packets already on the way and for a decoder catching
    /// up: on a loaded machine a clean-clone run saw Alice decode 13 of Bob's frames 1–3 s after
    /// his camera went off. A figure that does not stop keeps rising at its rate and fails.
    /// </summary>
    public static async Task ExpectStoppedAsync(UserPage user, Func<CallStats, long> figure, string what, long slack = 2, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var before = figure(await StatsAsync(user));
        while (true)
        {
            await Task.Delay(2000);
            var after = figure(await StatsAsync(user));
            if (after - before <= slack)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{user.Name}: {what} still growing after {seconds} s, {before} → {after} in the last 2 s");
            before = after;
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string message, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, message);
            await Task.Delay(100);
        }
    }
}
