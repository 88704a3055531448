using Relay.Media.Rtcp;

namespace Relay.Media.Client;

/// <summary>The fields of a sender report (RFC 3550 §6.4.1) the relay sent us.</summary>
public sealed record ReceivedSenderReport(uint Ssrc, NtpTimestamp NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount);
