using System.Diagnostics;
using Relay.Media.Rtcp;

namespace Relay.Media.Sessions;

// The relay as an RTP receiver: it tells each browser how its streams arrive (RFC 3550 §6.4.2).
public sealed partial class MediaLeg
{
    /// <summary>Notes the browser's sender reports: their NTP time goes back in our LSR (RFC 3550 §6.4.1).</summary>
    private void NoteSenderReports(ReadOnlySpan<byte> compound)
    {
        var reader = new RtcpCompoundReader(compound);
        while (reader.MoveNext())
        {
            if (reader.Current.PacketType == RtcpPacketType.SenderReport
                && SenderReportPacket.TryParse(reader.Current.Packet, out var report)
                && _inbound.TryGetValue(report.SenderSsrc, out var source))
            {
                source.Statistics.OnSenderReport(report.NtpTimestamp, Stopwatch.GetTimestamp());
            }
        }
    }

    /// <summary>Sends a receiver report about every stream this browser sends us. Timer thread.</summary>
    internal void SendReceiverReport()
    {
        Span<ReportBlock> blocks = stackalloc ReportBlock[RtcpHeader.MaxCount];
        var count = 0;
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (State != LegState.Connected)
            {
                return;
            }

            foreach (var source in _inbound.Values)
            {
                if (!source.IsRetransmission && source.Statistics.PacketsReceived > 0 && count < blocks.Length)
                {
                    blocks[count++] = source.Statistics.CreateReportBlock(source.Ssrc, now);
                }
            }
        }

        if (count == 0)
        {
            return;
        }

        var writer = new ReceiverReportWriter(RtcpSenderSsrc, blocks[..count]);
        Span<byte> buffer = stackalloc byte[writer.Size];
        if (writer.TryWriteTo(buffer, out var written))
        {
            SendRtcp(buffer[..written]);
            ReceiverReportsSent++;
        }
    }

    /// <summary>Receiver reports sent to this browser (diagnostics and tests).</summary>
    public long ReceiverReportsSent { get; private set; }

    /// <summary>Reception figures for one of the browser's streams, or null if it announced no such SSRC.</summary>
    public (long Received, long Lost, double JitterMs)? GetReception(uint ssrc)
    {
        lock (_gate)
        {
            if (!_inbound.TryGetValue(ssrc, out var source))
            {
                return null;
            }

            var stats = source.Statistics;
            return (stats.PacketsReceived, stats.PacketsLost, stats.Jitter * 1000 / stats.ClockRate);
        }
    }
}
