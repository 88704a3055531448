using Relay.Media.Rtcp;

namespace Relay.Media.Recording;

/// <summary>
/// Puts one party's NTP clock (the wall clock in its sender reports) on the call clock. All the
/// party's streams share it, so its audio and video stay in sync by its own clock (lip sync);
/// the offset is fixed by the party's first report (arrival minus NTP time, so it includes that
/// report's one-way delay). Clock drift between the party and the relay over a call (a few ppm)
/// is not corrected. One writer task.
/// </summary>
internal sealed class SenderClockOffset
{
    private bool _known;
    private long _offsetTicks;

    /// <summary>The call-clock time of a report's NTP timestamp; the first report fixes the offset.</summary>
    public long ToCallTicks(NtpTimestamp ntp, long arrivalTicks)
    {
        var ntpTicks = ToTicks(ntp);
        if (!_known)
        {
            _known = true;
            _offsetTicks = arrivalTicks - ntpTicks;
        }

        return ntpTicks + _offsetTicks;
    }

    /// <summary>
    /// NTP time as 100 ns ticks, the fraction rounded to the nearest tick; NTP seconds wrap in
    /// 2036, taken modulo 2^32 like everywhere.
    /// </summary>
    private static long ToTicks(NtpTimestamp ntp) =>
        ((long)ntp.Seconds * TimeSpan.TicksPerSecond) + (long)((((ulong)ntp.Fraction * TimeSpan.TicksPerSecond) + (1UL << 31)) >> 32);
}
