using Relay.Media.Rtcp;

namespace Relay.Media.Sessions;

// RTCP between legs: the relay is an RTP endpoint, so it reads each browser's RTCP and sends
// each browser only what concerns the streams it sends or receives through the relay.
public sealed partial class MediaSession
{
    public void RouteRtcp(MediaLeg from, Span<byte> compound)
    {
        RecordRtcp(from, compound);
        var reader = new RtcpCompoundReader(compound);
        while (reader.MoveNext())
        {
            var packet = reader.Current.Packet;
            switch (reader.Current.PacketType)
            {
                case RtcpPacketType.PayloadFeedback when reader.Current.Count == RtcpFeedbackFormat.PictureLossIndication:
                    if (PliPacket.TryParse(packet, out var pli))
                    {
                        ForwardKeyFrameRequest(from, pli.MediaSsrc);
                    }

                    break;
                case RtcpPacketType.PayloadFeedback when reader.Current.Count == RtcpFeedbackFormat.FullIntraRequest:
                    if (FirPacket.TryParse(packet, out var fir))
                    {
                        for (var i = 0; i < fir.EntryCount; i++)
                        {
                            ForwardKeyFrameRequest(from, fir.GetEntry(i).Ssrc);
                        }
                    }

                    break;
                case RtcpPacketType.TransportFeedback when reader.Current.Count == RtcpFeedbackFormat.GenericNack:
                    if (GenericNackPacket.TryParse(packet, out var nack))
                    {
                        AnswerNack(from, nack);
                    }

                    break;
                case RtcpPacketType.SenderReport:
                    if (SenderReportPacket.TryParse(packet, out var report))
                    {
                        RelaySenderReport(from, report);
                    }

                    break;
                default:
                    // Receiver reports, REMB and transport-cc describe the browser's link to the
                    // relay, not to the other browser: they end here (the leg has read its
                    // transport-cc into its bitrate cap).
                    break;
            }
        }

        if (from.TakeBitrateCapChange())
        {
            ShareBitrateCaps();
        }
    }

    /// <summary>When a leg connects, every leg that will send it video starts with a key frame.</summary>
    private void RequestKeyFrames(MediaLeg joined)
    {
        if (joined.VideoOut is null)
        {
            return;
        }

        foreach (var sender in Volatile.Read(ref _legs))
        {
            if ((sender != joined || Echo) && sender.FirstInboundSsrc(MediaKind.Video) is { } ssrc)
            {
                sender.RequestKeyFrame(ssrc, force: true);
            }
        }
    }

    /// <param name="receiver">The leg whose browser asked.</param>
    /// <param name="mediaSsrc">The stream it asked about: one of the tracks we send it.</param>
    private void ForwardKeyFrameRequest(MediaLeg receiver, uint mediaSsrc)
    {
        var track = receiver.VideoOut?.Ssrc == mediaSsrc ? receiver.VideoOut : receiver.AudioOut?.Ssrc == mediaSsrc ? receiver.AudioOut : null;
        if (track is null || !track.HasSource)
        {
            return;
        }

        foreach (var sender in Volatile.Read(ref _legs))
        {
            if (sender.HasInboundSource(track.Source))
            {
                sender.RequestKeyFrame(track.Source, force: false);
                return;
            }
        }
    }

    /// <summary>
    /// A sender's report maps its RTP clock to wall-clock time; receivers need that mapping for
    /// lip sync. The track shifts a later source's timestamps onto its own timeline, so the report
    /// is shifted the same way, and sent under the track's SSRC with the track's own counts.
    /// </summary>
    private void RelaySenderReport(MediaLeg from, in SenderReportPacket report)
    {
        Span<byte> buffer = stackalloc byte[SenderReportPacket.BlocksOffset];
        foreach (var to in Volatile.Read(ref _legs))
        {
            if (to == from && !Echo)
            {
                continue;
            }

            foreach (var track in to.OutboundTracks)
            {
                if (track.HasSource && track.Source == report.SenderSsrc)
                {
                    var writer = new SenderReportWriter(track.Ssrc, report.NtpTimestamp, track.ToTrackTimestamp(report.RtpTimestamp), (uint)track.PacketsSent, (uint)track.OctetsSent, []);
                    if (writer.TryWriteTo(buffer, out var written))
                    {
                        to.SendSenderReport(track, buffer[..written], report.NtpTimestamp);
                    }
                }
            }
        }
    }
}
