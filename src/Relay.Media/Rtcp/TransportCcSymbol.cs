namespace Relay.Media.Rtcp;

/// <summary>
/// Packet status symbols of transport-wide CC feedback
/// (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). The value 3 is reserved and
/// rejected by the parser.
/// </summary>
public enum TransportCcSymbol : byte
{
    NotReceived = 0,

    /// <summary>Received; one unsigned byte of delta, 0–63.75 ms.</summary>
    SmallDelta = 1,

    /// <summary>Received; two signed bytes of delta, −8192–8191.75 ms.</summary>
    LargeDelta = 2,
}
