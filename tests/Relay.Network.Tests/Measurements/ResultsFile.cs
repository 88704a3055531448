using System.Globalization;

namespace Relay.Network.Tests.Measurements;

/// <summary>artifacts/network/results.md (git-ignored): a row per test run, for the report in bench/README.md.</summary>
public static class ResultsFile
{
    private const string Header = """
        | when (UTC) | test | condition | scenario | observed s | connect ms | decoded fps | freezes | freeze s | kbit/s at 20 s | kbit/s settled | link up kbit/s settled | largest frame | sent at the end | NACKs | retransmitted | RTT ms | path |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|

        """;

    private static readonly Lock Gate = new();

    public static string FilePath => Path.Combine(RepositoryPaths.Root, "artifacts", "network", "results.md");

    public static void Append(ConditionResult result, string test)
    {
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {test} | {result.Condition} | {result.Scenario} | {result.ObservedSeconds:F0} | {result.ConnectTime.TotalMilliseconds:F0} | {result.DecodedFramesPerSecond:F1} | {result.FreezeCount} | {result.FreezeSeconds:F2} | {result.SenderKbpsAt20s:F0} | {result.SenderKbpsSettled:F0} | {result.LinkKbpsSettled:F0} | {result.LargestReceivedFrame.Width}x{result.LargestReceivedFrame.Height} | {result.FinalSender.SentFrameWidth}x{result.FinalSender.SentFrameHeight} | {result.ReceiverNacks} | {result.SenderRetransmissions} | {result.RoundTripMs:F0} | {result.Path} |\n");
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            if (!File.Exists(FilePath))
            {
                File.WriteAllText(FilePath, "# Calls under network conditions (tests/Relay.Network.Tests)\n\n" + Header);
            }

            File.AppendAllText(FilePath, row);
        }
    }
}
