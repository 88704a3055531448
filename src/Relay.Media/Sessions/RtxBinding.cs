namespace Relay.Media.Sessions;

/// <summary>
/// Ties a sender's RTX stream to the stream it resends (a=ssrc-group:FID, RFC 4588 §8.6) and
/// names the payload types of both (a=fmtp:&lt;rtx&gt; apt=&lt;media&gt;), so an RTX packet can be
/// turned back into the original.
/// </summary>
internal sealed record RtxBinding(InboundSource Original, byte RtxPayloadType, byte OriginalPayloadType);
