namespace Relay.Media.Rtcp;

/// <summary>RTCP packet types (the PT field) used by WebRTC.</summary>
/// <remarks>RFC 3550 §12.1 (200–204), RFC 4585 §6.1 (205, 206).</remarks>
public enum RtcpPacketType : byte
{
    SenderReport = 200,
    ReceiverReport = 201,
    SourceDescription = 202,
    Goodbye = 203,
    ApplicationDefined = 204,

    /// <summary>Transport-layer feedback (RTPFB): NACK, transport-wide CC.</summary>
    TransportFeedback = 205,

    /// <summary>Payload-specific feedback (PSFB): PLI, FIR, REMB.</summary>
    PayloadFeedback = 206,
}
