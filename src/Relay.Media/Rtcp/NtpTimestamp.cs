namespace Relay.Media.Rtcp;

/// <summary>
/// 64-bit NTP timestamp as carried in Sender Reports (RFC 3550 §4): seconds since
/// 1900-01-01 UTC in the high 32 bits, binary fraction of a second in the low 32 bits.
/// </summary>
/// <remarks>
/// The seconds wrap in February 2036 (NTP era 1); since only differences and the middle
/// bits are ever compared, the value is simply taken modulo 2^32 seconds.
/// </remarks>
public readonly record struct NtpTimestamp(ulong Value)
{
    private static readonly DateTime Epoch = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const long FractionsPerSecond = 1L << 32;

    // 2^16 seconds fill the 16.16 DLSR field; checked first so the multiplication cannot overflow.
    private const long MaxCompactTicks = 65536 * TimeSpan.TicksPerSecond;

    public uint Seconds => (uint)(Value >> 32);

    public uint Fraction => (uint)Value;

    /// <summary>
    /// The middle 32 bits (16.16 fixed point seconds): what a receiver puts in a report
    /// block's LSR field and what the sender matches against its sent SRs (RFC 3550 §6.4.1).
    /// </summary>
    public uint Middle32 => (uint)(Value >> 16);

    /// <summary>Converts a UTC (or unspecified, read as UTC) time; local times are converted first.</summary>
    public static NtpTimestamp FromDateTime(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        return FromTicksSinceEpoch(utc.Ticks - Epoch.Ticks);
    }

    /// <summary>Converts back; era 0 (1900–2036) is assumed.</summary>
    public DateTime ToDateTime()
    {
        var ticks = (long)Seconds * TimeSpan.TicksPerSecond
            + (long)(((ulong)Fraction * TimeSpan.TicksPerSecond) >> 32);
        return new DateTime(Epoch.Ticks + ticks, DateTimeKind.Utc);
    }

    /// <summary>
    /// Converts a duration to the 1/65536 s units of the DLSR field (RFC 3550 §6.4.1),
    /// saturating at the field's maximum; negative durations give 0.
    /// </summary>
    public static uint ToCompactDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return 0;
        }

        if (duration.Ticks >= MaxCompactTicks)
        {
            return uint.MaxValue;
        }

        return (uint)(duration.Ticks * 65536 / TimeSpan.TicksPerSecond);
    }

    /// <summary>Converts DLSR units (1/65536 s) back to a duration.</summary>
    public static TimeSpan FromCompactDuration(uint units) =>
        TimeSpan.FromTicks((long)units * TimeSpan.TicksPerSecond / 65536);

    private static NtpTimestamp FromTicksSinceEpoch(long ticks)
    {
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var remainder = ticks % TimeSpan.TicksPerSecond;
        var fraction = (ulong)(remainder * FractionsPerSecond / TimeSpan.TicksPerSecond);
        return new NtpTimestamp((seconds << 32) | fraction);
    }
}
