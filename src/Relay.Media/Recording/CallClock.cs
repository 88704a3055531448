namespace Relay.Media.Recording;

/// <summary>
/// The one clock of a call's recordings: time since an origin, from a monotonic
/// <see cref="TimeProvider"/> timestamp. Every party's recording of a call shares one instance,
/// and a file's time zero is the origin, so files started together line up when played together.
/// Thread-safe (immutable).
/// </summary>
public sealed class CallClock
{
    public CallClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        OriginTimestamp = time.GetTimestamp();
    }

    public TimeProvider Time { get; }

    /// <summary>The <see cref="TimeProvider"/> timestamp that is time zero.</summary>
    public long OriginTimestamp { get; }

    /// <summary>Now, in 100 ns ticks since the origin.</summary>
    public long NowTicks => Time.GetElapsedTime(OriginTimestamp).Ticks;
}
