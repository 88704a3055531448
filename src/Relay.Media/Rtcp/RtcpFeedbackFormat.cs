namespace Relay.Media.Rtcp;

/// <summary>FMT values of the feedback packets we read and write, per packet type.</summary>
/// <remarks>
/// In RTPFB/PSFB packets the 5-bit count field of the common header carries the
/// feedback message type instead (RFC 4585 §6.1).
/// </remarks>
public static class RtcpFeedbackFormat
{
    /// <summary>RTPFB FMT 1: Generic NACK (RFC 4585 §6.2.1).</summary>
    public const byte GenericNack = 1;

    /// <summary>RTPFB FMT 15: transport-wide CC (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1).</summary>
    public const byte TransportCc = 15;

    /// <summary>PSFB FMT 1: Picture Loss Indication (RFC 4585 §6.3.1).</summary>
    public const byte PictureLossIndication = 1;

    /// <summary>PSFB FMT 4: Full Intra Request (RFC 5104 §4.3.1).</summary>
    public const byte FullIntraRequest = 4;

    /// <summary>PSFB FMT 15: application layer feedback, used by REMB (draft-alvestrand-rmcat-remb §2).</summary>
    public const byte ApplicationLayer = 15;
}
