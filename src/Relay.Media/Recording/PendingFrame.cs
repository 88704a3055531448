namespace Relay.Media.Recording;

/// <summary>A frame waiting to be written: its bytes in a pooled buffer the frame owns.</summary>
internal readonly record struct PendingFrame(byte[] Buffer, int Offset, int Length, long TimeMs, bool KeyFrame);
