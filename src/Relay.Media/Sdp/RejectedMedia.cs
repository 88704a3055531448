namespace Relay.Media.Sdp;

/// <summary>A media section answered with port 0 (RFC 3264 §6), and why, for logs.</summary>
public sealed record RejectedMedia(int Index, string? Mid, string Kind, string Reason);
