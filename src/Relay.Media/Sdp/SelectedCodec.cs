namespace Relay.Media.Sdp;

/// <summary>The codec chosen for a media section, with its fmtp and its RTX format when offered.</summary>
internal sealed record SelectedCodec(RtpMap Codec, Fmtp? Parameters, RtpMap? Rtx, Fmtp? RtxParameters);
