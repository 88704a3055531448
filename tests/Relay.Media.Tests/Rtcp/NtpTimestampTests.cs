using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class NtpTimestampTests
{
    [Fact]
    public void Unix_epoch_is_2208988800_NTP_seconds()
    {
        // RFC 868 / RFC 5905: 70 years (17 of them leap) between 1900 and 1970.
        var ntp = NtpTimestamp.FromDateTime(DateTime.UnixEpoch);
        Assert.Equal(2_208_988_800u, ntp.Seconds);
        Assert.Equal(0u, ntp.Fraction);
    }

    [Fact]
    public void Half_a_second_is_half_the_fraction_range()
    {
        var ntp = NtpTimestamp.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(500));
        Assert.Equal(0x8000_0000u, ntp.Fraction);
    }

    [Fact]
    public void Middle_bits_are_low_16_of_seconds_and_high_16_of_fraction()
    {
        var ntp = new NtpTimestamp(0x1234_5678_9ABC_DEF0);
        Assert.Equal(0x1234_5678u, ntp.Seconds);
        Assert.Equal(0x9ABC_DEF0u, ntp.Fraction);
        Assert.Equal(0x5678_9ABCu, ntp.Middle32);
    }

    [Fact]
    public void Round_trips_a_date_to_within_a_tick()
    {
        var time = new DateTime(2026, 11, 24, 8, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567);
        var back = NtpTimestamp.FromDateTime(time).ToDateTime();
        Assert.InRange((time - back).Ticks, 0, 1);
        Assert.Equal(DateTimeKind.Utc, back.Kind);
    }

    [Fact]
    public void Compact_duration_is_16_16_fixed_point_seconds()
    {
        Assert.Equal(0x0001_8000u, NtpTimestamp.ToCompactDuration(TimeSpan.FromSeconds(1.5)));
        Assert.Equal(0u, NtpTimestamp.ToCompactDuration(TimeSpan.FromSeconds(-1)));
        Assert.Equal(uint.MaxValue, NtpTimestamp.ToCompactDuration(TimeSpan.FromDays(2)));
        Assert.Equal(TimeSpan.FromSeconds(1.5), NtpTimestamp.FromCompactDuration(0x0001_8000));
    }
}
