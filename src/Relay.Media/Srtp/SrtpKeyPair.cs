namespace Relay.Media.Srtp;

/// <summary>
/// The two directions of one DTLS-SRTP association: <see cref="Local"/> protects what we send,
/// <see cref="Remote"/> unprotects what the peer sends.
/// </summary>
public sealed record SrtpKeyPair(SrtpMasterKey Local, SrtpMasterKey Remote);
