namespace Relay.Media.Recording;

/// <summary>
/// A frame waiting to be written, owning its buffer: a packet buffer of the recording's
/// <see cref="PacketBufferPool"/> (an Opus frame is its packet's payload, not copied) or, for an
/// assembled VP8 frame, a buffer of its <see cref="FrameBufferPool"/>.
/// </summary>
internal readonly record struct PendingFrame(byte[] Buffer, int Offset, int Length, long TimeMs, bool KeyFrame, bool FromPacketPool);
