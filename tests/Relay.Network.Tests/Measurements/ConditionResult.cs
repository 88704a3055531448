using System.Globalization;
using Relay.Network.Tests.Bed;
using Relay.Network.Tests.Browser;

namespace Relay.Network.Tests.Measurements;

/// <summary>One timed reading of both ends during the observation, <see cref="Seconds"/> after connecting.</summary>
public sealed record ObservationSample(double Seconds, PeerSample Sender, PeerSample Receiver);

/// <summary>
/// What one test saw of one condition: the figures (time to connect, decoded frame rate,
/// freezes, the sender's bitrate after 20 s) and the ones its assertions need, all derived from
/// the samples.
/// </summary>
public sealed record ConditionResult(NetworkCondition Condition, string Scenario, TimeSpan ConnectTime, IReadOnlyList<ObservationSample> Samples)
{
    public const double BitrateCheckpointSeconds = 20;

    private ObservationSample First => Samples[0];

    private ObservationSample Last => Samples[^1];

    public double ObservedSeconds => Last.Seconds - First.Seconds;

    /// <summary>Frames the receiver decoded per second over the observation.</summary>
    public double DecodedFramesPerSecond => (Last.Receiver.FramesDecoded - First.Receiver.FramesDecoded) / Math.Max(ObservedSeconds, 0.001);

    public long FreezeCount => Last.Receiver.FreezeCount;

    public double FreezeSeconds => Last.Receiver.TotalFreezesDuration;

    public long ReceiverNacks => Last.Receiver.NackCount;

    public long SenderRetransmissions => Last.Sender.RetransmittedPacketsSent;

    public long SenderNacksReceived => Last.Sender.NackCountReceived;

    /// <summary>The sender's bitrate over the two seconds up to the 20 s mark (or the last two seconds of a shorter observation).</summary>
    public double SenderKbpsAt20s => KbpsOver(Math.Min(BitrateCheckpointSeconds, Last.Seconds) - 2, Math.Min(BitrateCheckpointSeconds, Last.Seconds));

    /// <summary>The sender's bitrate over the last five seconds: where it settled.</summary>
    public double SenderKbpsSettled => KbpsOver(Last.Seconds - 5, Last.Seconds);

    /// <summary>When the sender's bitrate over two seconds first passed <paramref name="kbps"/>, or null.</summary>
    public double? SecondsUntilSenderAbove(double kbps)
    {
        foreach (var sample in Samples)
        {
            if (sample.Seconds >= 2 && KbpsOver(sample.Seconds - 2, sample.Seconds) > kbps)
            {
                return sample.Seconds;
            }
        }

        return null;
    }

    public double PeakSenderKbps => Samples.Where(s => s.Seconds >= 2).Select(s => KbpsOver(s.Seconds - 2, s.Seconds)).DefaultIfEmpty(0).Max();

    /// <summary>
    /// What the browsers' side of the bed's link carries up, over the last five seconds: the
    /// sender's bitrate, plus the receiver's own video in a call, since both parties sit behind the
    /// same link (in the echo test they are one page).
    /// </summary>
    public double LinkKbpsSettled => LinkKbpsOver(Last.Seconds - 5, Last.Seconds);

    public double PeakLinkKbps => Samples.Where(s => s.Seconds >= 2).Select(s => LinkKbpsOver(s.Seconds - 2, s.Seconds)).DefaultIfEmpty(0).Max();

    /// <summary>The largest frame the receiver decoded (inbound-rtp frameWidth × frameHeight of any sample).</summary>
    public (int Width, int Height) LargestReceivedFrame => Samples.Select(s => (s.Receiver.FrameWidth, s.Receiver.FrameHeight)).MaxBy(f => f.FrameWidth * f.FrameHeight);

    /// <summary>Frames decoded over the last five seconds: media still flowing at the end.</summary>
    public long FramesDecodedInLast5s => Last.Receiver.FramesDecoded - At(Last.Seconds - 5).Receiver.FramesDecoded;

    public PeerSample FinalSender => Last.Sender;

    public PeerSample FinalReceiver => Last.Receiver;

    public string Path => $"{Last.Receiver.LocalCandidateType}/{Last.Receiver.LocalProtocol}{(Last.Receiver.LocalRelayProtocol is { } relay ? "/relay " + relay : "")} → {Last.Receiver.RemoteAddress}:{Last.Receiver.RemotePort}";

    public double? RoundTripMs => Last.Receiver.RoundTripTime * 1000;

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"""
        {Condition} / {Scenario}: connected in {ConnectTime.TotalMilliseconds:F0} ms over {Path} (RTT {RoundTripMs:F0} ms)
          observed {ObservedSeconds:F0} s: {DecodedFramesPerSecond:F1} frames/s decoded, largest {LargestReceivedFrame.Width}x{LargestReceivedFrame.Height}, {FreezeCount} freezes totalling {FreezeSeconds:F2} s
          sender: {SenderKbpsAt20s:F0} kbit/s at 20 s, {SenderKbpsSettled:F0} kbit/s over the last 5 s, peak {PeakSenderKbps:F0} kbit/s, available {FinalSender.AvailableOutgoingBitrate / 1000:F0} kbit/s, sending {FinalSender.SentFrameWidth}x{FinalSender.SentFrameHeight} at the end
          sender's estimate in the first 5 s (kbit/s): {EarlyEstimates}
          link up (both parties): {LinkKbpsSettled:F0} kbit/s over the last 5 s, peak {PeakLinkKbps:F0} kbit/s
          loss repair: receiver sent {ReceiverNacks} NACKs (lost {FinalReceiver.VideoPacketsLost} of {FinalReceiver.VideoPacketsReceived} video packets), sender got {SenderNacksReceived} NACKs and retransmitted {SenderRetransmissions} packets
        """);

    /// <summary>Where the bandwidth estimate started and how fast it moved: a slow climb shows unanswered probes.</summary>
    private string EarlyEstimates => string.Join(", ", Samples.Where(s => s.Seconds <= 5).Select(s => (s.Sender.AvailableOutgoingBitrate / 1000)?.ToString("F0", CultureInfo.InvariantCulture) ?? "–"));

    private ObservationSample At(double seconds) => Samples.LastOrDefault(s => s.Seconds <= seconds) ?? First;

    private double LinkKbpsOver(double from, double to) => KbpsOver(from, to, withReceiver: true);

    /// <summary>The sender's bitrate between two moments; with the receiver's own sending added when it is another page.</summary>
    private double KbpsOver(double from, double to, bool withReceiver = false)
    {
        var start = At(from);
        var end = At(to);
        var milliseconds = end.Sender.TimeMs - start.Sender.TimeMs;
        var bytes = end.Sender.BytesSent - start.Sender.BytesSent;
        if (withReceiver && !ReferenceEquals(end.Sender, end.Receiver))
        {
            bytes += end.Receiver.BytesSent - start.Receiver.BytesSent;
        }

        return milliseconds <= 0 ? 0 : bytes * 8 / milliseconds;
    }
}
