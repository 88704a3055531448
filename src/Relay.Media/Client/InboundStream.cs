using Relay.Media.Recovery;
using Relay.Media.Sessions;
using Relay.Media.Srtp;

namespace Relay.Media.Client;

/// <summary>A stream the relay announced in its answer, with its SRTP context. Receive loop only.</summary>
internal sealed class InboundStream(MediaKind kind, SrtpContext context)
{
    public MediaKind Kind { get; } = kind;

    public SrtpContext Context { get; } = context;

    /// <summary>Gap tracking for a media stream whose answer kept nack; guarded by the peer's NACK gate.</summary>
    public NackRequester? Nacks { get; set; }

    /// <summary>For the relay's RTX stream: the media stream it resends, whose payload type its packets take back.</summary>
    public InboundStream? Original { get; set; }

    public uint OriginalSsrc { get; set; }

    public byte RtxPayloadType { get; set; }

    public byte OriginalPayloadType { get; set; }
}
