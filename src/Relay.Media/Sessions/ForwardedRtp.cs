namespace Relay.Media.Sessions;

/// <summary>
/// What a forwarded packet said before any receiver rewrote it: every receiving track rewrites the
/// one shared buffer in place, so the source's own values are read once, up front.
/// </summary>
/// <param name="Vp8">PictureID and TL0PICIDX of a VP8 packet; <see cref="Vp8Indices.None"/> for other codecs.</param>
internal readonly record struct ForwardedRtp(uint Ssrc, ushort Sequence, uint Timestamp, Vp8Indices Vp8);
