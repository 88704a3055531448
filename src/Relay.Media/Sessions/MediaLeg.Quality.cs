using System.Diagnostics;
using Relay.Media.Quality;
using Relay.Media.Rtcp;

namespace Relay.Media.Sessions;

// Quality: the report blocks and feedback the browser sends about the relay's streams, a tick
// every few seconds that closes the bitrate and loss intervals and feeds the relay-wide metrics,
// and the snapshot the web layer reads.
public sealed partial class MediaLeg
{
    /// <summary>How often the quality tick samples; also the live indicator's cadence.</summary>
    public static readonly TimeSpan QualityInterval = TimeSpan.FromSeconds(2);

    // The relay's timer ticks once a second and may run a little early.
    private static readonly long QualityIntervalTicks = (long)((QualityInterval.TotalSeconds - 0.2) * Stopwatch.Frequency);

    private long _lastQualitySample;
    private long _nacksReceived;
    private long _plisReceived;
    private long _firsReceived;
    private long _gapNacksSent;

    /// <summary>Under the lock, for authenticated RTCP from the browser: its report blocks and feedback about our streams.</summary>
    private void NoteReceptionReports(ReadOnlySpan<byte> compound, long now)
    {
        var reader = new RtcpCompoundReader(compound);
        while (reader.MoveNext())
        {
            var current = reader.Current;
            switch (current.PacketType)
            {
                // Chromium reports on what it receives in its SR when it sends media, in an RR when not.
                case RtcpPacketType.SenderReport when SenderReportPacket.TryParse(current.Packet, out var sr):
                    for (var i = 0; i < sr.ReportCount; i++)
                    {
                        NoteReportBlock(sr.GetReportBlock(i), now);
                    }

                    break;
                case RtcpPacketType.ReceiverReport when ReceiverReportPacket.TryParse(current.Packet, out var rr):
                    for (var i = 0; i < rr.ReportCount; i++)
                    {
                        NoteReportBlock(rr.GetReportBlock(i), now);
                    }

                    break;
                case RtcpPacketType.TransportFeedback when current.Count == RtcpFeedbackFormat.GenericNack:
                    _nacksReceived++;
                    break;
                case RtcpPacketType.PayloadFeedback when current.Count == RtcpFeedbackFormat.PictureLossIndication:
                    _plisReceived++;
                    break;
                case RtcpPacketType.PayloadFeedback when current.Count == RtcpFeedbackFormat.FullIntraRequest:
                    _firsReceived++;
                    break;
                default:
                    break;
            }
        }
    }

    private void NoteReportBlock(in ReportBlock block, long now)
    {
        // Blocks about anything but our own tracks (a stale SSRC, another sender's) are not ours to keep.
        if (AudioOut is { } audio && audio.Ssrc == block.Ssrc)
        {
            audio.Statistics.OnReportBlock(block, now);
        }
        else if (VideoOut is { } video && video.Ssrc == block.Ssrc)
        {
            video.Statistics.OnReportBlock(block, now);
        }
    }

    /// <summary>
    /// Sends a sender report relayed onto one of our tracks and remembers when, so the browser's
    /// answer to it gives the round trip. Any thread; no other leg's lock held.
    /// </summary>
    internal void SendSenderReport(OutboundTrack track, ReadOnlySpan<byte> report, NtpTimestamp ntp)
    {
        lock (_gate)
        {
            if (SendRtcp(report))
            {
                track.Statistics.OnSenderReportSent(ntp, Stopwatch.GetTimestamp());
            }
        }
    }

    internal void GapNackSent() => Interlocked.Increment(ref _gapNacksSent);

    /// <summary>
    /// The relay's timer, once a second: every <see cref="QualityInterval"/> closes the streams'
    /// sampling intervals and adds what is new to the relay-wide counters and histograms.
    /// </summary>
    internal void SampleQuality(long now)
    {
        if (now - Volatile.Read(ref _lastQualitySample) < QualityIntervalTicks)
        {
            return;
        }

        PublishQuality(now, final: false);
    }

    /// <summary>Under no lock. Final: the leg has ended, and what it counted since the last tick still goes to the totals.</summary>
    private void PublishQuality(long now, bool final)
    {
        // At most four media streams (audio and video, each way): their samples are held here,
        // then recorded outside the lock, since a histogram's listeners may take locks of their own.
        Span<double> jitter = stackalloc double[4];
        Span<bool> jitterOut = stackalloc bool[4];
        Span<bool> jitterVideo = stackalloc bool[4];
        var jitterCount = 0;
        Span<double> roundTrips = stackalloc double[2];
        var roundTripCount = 0;
        var counters = _relay.Counters;
        lock (_gate)
        {
            if (!final && State != LegState.Connected)
            {
                return;
            }

            Volatile.Write(ref _lastQualitySample, now);
            foreach (var source in _inbound.Values)
            {
                var video = source.Kind == MediaKind.Video;
                var stats = source.Statistics;
                // RTX packets count towards their original stream (OnRetransmission), so RTX
                // sources hold no statistics of their own.
                if (source.IsRetransmission)
                {
                    continue;
                }

                stats.Sample(now);
                stats.TakeNew(out var packets, out var bytes, out var lost);
                counters.AddRtp(outbound: false, video, packets, bytes, lost);
                if (stats.IntervalExpected > 0 && jitterCount < jitter.Length)
                {
                    jitter[jitterCount] = stats.JitterSeconds;
                    jitterOut[jitterCount] = false;
                    jitterVideo[jitterCount++] = video;
                }
            }

            foreach (var track in OutboundTracks)
            {
                var video = track.Kind == MediaKind.Video;
                var stats = track.Statistics;
                stats.Sample(now);
                stats.TakeNew(out var packets, out var bytes, out var lost, out var reported, out var measured);
                counters.AddRtp(outbound: true, video, packets, bytes, lost);
                if (reported && jitterCount < jitter.Length)
                {
                    jitter[jitterCount] = stats.JitterSeconds;
                    jitterOut[jitterCount] = true;
                    jitterVideo[jitterCount++] = video;
                }

                if (measured && stats.RoundTripSeconds is { } rtt && roundTripCount < roundTrips.Length)
                {
                    roundTrips[roundTripCount++] = rtt;
                }
            }
        }

        for (var i = 0; i < jitterCount; i++)
        {
            counters.RecordJitter(jitterOut[i], jitterVideo[i], jitter[i]);
        }

        for (var i = 0; i < roundTripCount; i++)
        {
            counters.RecordRoundTrip(roundTrips[i]);
        }
    }

    /// <summary>A snapshot of this leg's quality as of its last tick (counts are current). Any thread; allocates.</summary>
    public LegQuality GetQuality()
    {
        var inbound = new List<InboundStreamQuality>(2);
        var outbound = new List<OutboundStreamQuality>(2);
        lock (_gate)
        {
            foreach (var source in _inbound.Values)
            {
                if (source.IsRetransmission)
                {
                    continue;
                }

                var s = source.Statistics;
                inbound.Add(new InboundStreamQuality(source.Ssrc, KindLabel(source.Kind), s.PacketsReceived, s.BytesReceived, s.PacketsLost, s.IntervalLoss, s.JitterSeconds, s.Bitrate));
            }

            foreach (var track in OutboundTracks)
            {
                var s = track.Statistics;
                outbound.Add(new OutboundStreamQuality(track.Ssrc, KindLabel(track.Kind), s.PacketsSent, s.BytesSent, s.ReportsReceived, s.FractionLost, s.CumulativeLost, s.JitterSeconds, s.RoundTripSeconds, s.Bitrate));
            }

            return new LegQuality(Transport, inbound, outbound, _nacksReceived, _plisReceived, _firsReceived, Interlocked.Read(ref _gapNacksSent), KeyFrameRequestsSent,
                TimeSpan.FromMilliseconds(Math.Max(0, Environment.TickCount64 - Ice.LastConsent)));
        }
    }

    private static string KindLabel(MediaKind kind) => kind == MediaKind.Video ? "video" : "audio";
}
