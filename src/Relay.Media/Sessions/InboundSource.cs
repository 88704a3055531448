using Relay.Media.Quality;
using Relay.Media.Recovery;
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

    /// <summary>The RTX stream of a video source (RFC 4588): unwrapped into its original before routing.</summary>
    public bool IsRetransmission { get; } = isRetransmission;

    /// <summary>Gap tracking and the relay's NACKs for a media stream whose sender negotiated nack.</summary>
    public NackRequester? Nacks { get; set; }

    /// <summary>For an RTX stream with a negotiated RTX payload type: what to unwrap it into.</summary>
    public RtxBinding? Rtx { get; set; }

    public SrtpContext? Context { get; set; }
}
