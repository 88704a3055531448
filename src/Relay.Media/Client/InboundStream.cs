using Relay.Media.Sessions;
using Relay.Media.Srtp;

namespace Relay.Media.Client;

/// <summary>A stream the relay announced in its answer, with its SRTP context. Receive loop only.</summary>
internal sealed class InboundStream(MediaKind kind, SrtpContext context)
{
    public MediaKind Kind { get; } = kind;

    public SrtpContext Context { get; } = context;
}
