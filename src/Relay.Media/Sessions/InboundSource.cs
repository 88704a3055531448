using Relay.Media.Quality;
using Relay.Media.Srtp;

namespace Relay.Media.Sessions;

/// <summary>
/// A stream a browser announced in its offer (a=ssrc), with the SRTP context that authenticates
/// it. Only announced SSRCs get a context, so packets with made-up SSRCs cannot make the relay
/// derive keys or hold state. Used under the leg's lock.
/// </summary>
internal sealed class InboundSource(uint ssrc, MediaKind kind, bool isRetransmission, int clockRate)
{
    public ReceptionStatistics Statistics { get; } = new(clockRate);

    public uint Ssrc { get; } = ssrc;

    public MediaKind Kind { get; } = kind;

    /// <summary>The RTX stream of a video source (RFC 4588); not forwarded until loss recovery lands.</summary>
    public bool IsRetransmission { get; } = isRetransmission;

    public SrtpContext? Context { get; set; }
}
