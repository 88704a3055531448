namespace Relay.Media.Sdp;

/// <summary>The codec chosen for a media section, with its fmtp and its RTX format when offered.</summary>
internal sealed record SelectedCodec(RtpMap Codec, Fmtp? Parameters, RtxFormat? Rtx);

/// <summary>An RTX format (RFC 4588): its rtpmap and the fmtp whose apt names the codec.</summary>
internal sealed record RtxFormat(RtpMap Map, Fmtp Parameters);
