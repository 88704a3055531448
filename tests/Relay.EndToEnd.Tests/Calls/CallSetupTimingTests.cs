using System.Globalization;
using System.Text;
using Relay.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Relay.EndToEnd.Tests.Calls;

/// <summary>
/// Ten video calls in a row between the same two people: each must connect and show the other's
/// video, and each leaves the relay with no legs. Along the way it records, on each side, the time
/// from the answer to the first remote video frame — reported (artifacts/call-setup.txt and the
/// test output), never asserted: a shared 2-core machine makes timings figures, not pass marks.
/// </summary>
public sealed class CallSetupTimingTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int Calls = 10;

    [Fact]
    public async Task Ten_video_calls_in_a_row_each_connect_show_video_and_release_the_relay()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var caller = await fixture.OpenUserAsync("timer-a-" + suffix);
        await using var callee = await fixture.OpenUserAsync("timer-b-" + suffix);
        await CallSteps.OpenConversationAsync(caller, callee);
        await callee.Page.GotoAsync("/chat");
        await CallSteps.WaitForCallReadyAsync(callee);
        var relay = fixture.Server.GetRequiredService<Relay.Web.Features.Calls.MediaRelayHost>().Relay;
        var callerTimes = new List<double>();
        var calleeTimes = new List<double>();

        for (var i = 0; i < Calls; i++)
        {
            await CallSteps.CallAndAnswerAsync(caller, callee, "call-video");
            callerTimes.Add(await FirstFrameAsync(caller));
            calleeTimes.Add(await FirstFrameAsync(callee));
            await caller.ByTestId("call-hangup").ClickAsync();
            await WaitForIdleAsync(caller);
            await WaitForIdleAsync(callee);
            await CallSteps.WaitUntilAsync(() => relay.LegCount == 0, $"call {i + 1} left legs on the relay");
        }

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Answer to first remote video frame over {Calls} video calls (ms), Chromium headless, fake devices, loopback:")
            .AppendLine(CultureInfo.InvariantCulture, $"caller: p50 {Percentile(callerTimes, 50):F0}, p90 {Percentile(callerTimes, 90):F0}, max {callerTimes.Max():F0}")
            .AppendLine(CultureInfo.InvariantCulture, $"callee: p50 {Percentile(calleeTimes, 50):F0}, p90 {Percentile(calleeTimes, 90):F0}, max {calleeTimes.Max():F0}")
            .ToString();
        output.WriteLine(report);
        var directory = Path.Combine(RepositoryPaths.Root, "artifacts");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "call-setup.txt"), report);
        Assert.Empty(caller.Errors);
        Assert.Empty(callee.Errors);
    }

    /// <summary>Waits for this side's first remote frame and returns the time since it learned of the answer.</summary>
    private static async Task<double> FirstFrameAsync(UserPage user)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await user.Page.EvaluateAsync<double?>("() => window.__relayCall.acceptToFirstFrameMs()") is { } ms)
            {
                return ms;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"{user.Name} never showed a remote video frame");
    }

    private static async Task WaitForIdleAsync(UserPage user)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await user.Page.EvaluateAsync<string>("() => window.__relayCall.phase()") != "idle")
        {
            Assert.True(DateTime.UtcNow < deadline, $"{user.Name}'s call window did not close");
            await Task.Delay(100);
        }
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
