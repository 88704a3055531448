namespace Relay.Media.Recording;

/// <summary>A packet held by a recording: the pooled buffer it owns, and when it arrived on the call clock.</summary>
internal readonly record struct ReorderedPacket(byte[] Buffer, int Length, long Index, long ArrivalTicks);
