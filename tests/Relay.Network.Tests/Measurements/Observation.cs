using System.Diagnostics;
using System.Globalization;
using Relay.Network.Tests.Bed;
using Relay.Network.Tests.Browser;

namespace Relay.Network.Tests.Measurements;

/// <summary>Watches a connected call's two ends through getStats for a fixed time.</summary>
public static class Observation
{
    /// <summary>NETBED_SECONDS lengthens the observation for the report (60 s per condition); the default is what the assertions need.</summary>
    public const string SecondsVariable = "NETBED_SECONDS";

    private const int DefaultSeconds = 25;

    /// <summary>The bitrate after 20 s needs at least a little more than 20 s.</summary>
    private const int MinimumSeconds = 22;

    public static int Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? Math.Max(seconds, MinimumSeconds)
            : DefaultSeconds;

    /// <summary>
    /// Waits until every page's peer connection is connected and returns the time since
    /// <paramref name="since"/> started; a failed connection or the deadline fails the test with
    /// each page's last state.
    /// </summary>
    public static async Task<TimeSpan> WaitForConnectedAsync(Stopwatch since, IReadOnlyList<UserPage> users, int timeoutSeconds = 30)
    {
        var deadline = since.Elapsed + TimeSpan.FromSeconds(timeoutSeconds);
        while (true)
        {
            var states = new List<string>();
            foreach (var user in users)
            {
                states.Add((await PeerStats.SampleAsync(user))?.ConnectionState ?? "no connection yet");
            }

            if (states.TrueForAll(s => s == "connected"))
            {
                return since.Elapsed;
            }

            var status = string.Join(", ", users.Select((u, i) => $"{u.Name}: {states[i]}"));
            var errors = string.Join('\n', users.SelectMany(u => u.Errors));
            Assert.False(states.Contains("failed"), $"the connection failed ({status})\n{errors}");
            Assert.True(since.Elapsed < deadline, $"not connected within {timeoutSeconds} s ({status})\n{errors}");
            await Task.Delay(100);
        }
    }

    /// <summary>Samples the sender and receiver once a second for <see cref="Seconds"/> seconds.</summary>
    public static async Task<ConditionResult> RecordAsync(NetworkCondition condition, string scenario, TimeSpan connectTime, UserPage sender, UserPage receiver)
    {
        var samples = new List<ObservationSample>();
        var clock = Stopwatch.StartNew();
        var seconds = Seconds;
        while (true)
        {
            var senderSample = await SampleAsync(sender);
            var receiverSample = ReferenceEquals(sender, receiver) ? senderSample : await SampleAsync(receiver);
            samples.Add(new ObservationSample(clock.Elapsed.TotalSeconds, senderSample, receiverSample));
            if (clock.Elapsed.TotalSeconds >= seconds)
            {
                return new ConditionResult(condition, scenario, connectTime, samples);
            }

            // Steps of one second from the start, whatever the sampling itself took.
            var next = TimeSpan.FromSeconds(samples.Count) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }
    }

    private static async Task<PeerSample> SampleAsync(UserPage user) =>
        await PeerStats.SampleAsync(user) ?? throw new InvalidOperationException($"{user.Name} has no peer connection any more");
}
