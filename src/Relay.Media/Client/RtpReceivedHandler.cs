using Relay.Media.Sessions;

namespace Relay.Media.Client;

/// <summary>
/// An authenticated, decrypted RTP packet from the relay. Raised on the peer's receive loop;
/// <paramref name="payload"/> is valid only during the call (copy what must outlive it).
/// </summary>
public delegate void RtpReceivedHandler(MediaKind kind, uint ssrc, ushort sequenceNumber, ReadOnlySpan<byte> payload);
