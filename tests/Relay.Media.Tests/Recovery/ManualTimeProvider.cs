namespace Relay.Media.Tests.Recovery;

/// <summary>A clock that moves only when told, in milliseconds.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _timestamp = 1_000;

    public override long TimestampFrequency => 1_000;

    public override long GetTimestamp() => _timestamp;

    public void Advance(TimeSpan by) => _timestamp += (long)by.TotalMilliseconds;
}
