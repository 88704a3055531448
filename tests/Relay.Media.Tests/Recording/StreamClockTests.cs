using Relay.Media.Recording;
using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Recording;

public class StreamClockTests
{
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    [Fact]
    public void Before_a_sender_report_the_first_arrival_anchors_the_timeline()
    {
        var clock = new StreamClock(90_000);
        Assert.Equal(500 * Ms, clock.ToCallTicks(clock.Unwrap(1_000_000), 500 * Ms));
        // Later frames follow their timestamps, not their (jittery) arrival.
        Assert.Equal(1_500 * Ms, clock.ToCallTicks(clock.Unwrap(1_090_000), 1_700 * Ms));
        Assert.False(clock.FromSenderReport);
    }

    [Fact]
    public void A_gap_in_the_stream_does_not_shift_what_follows()
    {
        var clock = new StreamClock(48_000);
        Assert.Equal(0, clock.ToCallTicks(clock.Unwrap(0), 0));
        // Ten seconds of silence (muted, DTX, lost): the next frame is ten seconds on.
        Assert.Equal(10_000 * Ms, clock.ToCallTicks(clock.Unwrap(480_000), 10_050 * Ms));
    }

    [Fact]
    public void Timestamps_map_through_the_wrap()
    {
        var clock = new StreamClock(90_000);
        Assert.Equal(0, clock.ToCallTicks(clock.Unwrap(uint.MaxValue - 44_999), 0));
        Assert.Equal(1_000 * Ms, clock.ToCallTicks(clock.Unwrap(45_000), 3_000 * Ms));
    }

    [Fact]
    public void A_sender_report_reanchors_the_timeline()
    {
        var clock = new StreamClock(90_000);
        clock.ToCallTicks(clock.Unwrap(1_000_000), 500 * Ms);
        // The report says timestamp 1,090,000 was sampled at 1,200 ms on the call clock.
        clock.OnSenderReport(1_090_000, 1_200 * Ms);
        Assert.True(clock.FromSenderReport);
        Assert.Equal(1_300 * Ms, clock.ToCallTicks(clock.Unwrap(1_099_000), 9_999 * Ms));
    }

    [Fact]
    public void Two_parties_with_different_clocks_line_up_through_their_reports()
    {
        // Party A's NTP clock is 3 h ahead of party B's, and their RTP timestamps start at
        // unrelated random values; both sample a moment 2 s into the call.
        var ntpA = NtpTimestamp.FromDateTime(new DateTime(2026, 11, 24, 13, 0, 0, DateTimeKind.Utc));
        var ntpB = NtpTimestamp.FromDateTime(new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc));
        var offsetA = new SenderClockOffset();
        var offsetB = new SenderClockOffset();
        var audioA = new StreamClock(48_000);
        var videoB = new StreamClock(90_000);

        // Before any report, both fall back on arrival (A's first packet is 30 ms late).
        audioA.ToCallTicks(audioA.Unwrap(4_000_000_000), 1_030 * Ms);
        videoB.ToCallTicks(videoB.Unwrap(77), 1_000 * Ms);

        // Each report arrives 1 s into the call (same one-way delay), describing that moment.
        audioA.OnSenderReport(4_000_048_000, offsetA.ToCallTicks(ntpA, 1_000 * Ms));
        videoB.OnSenderReport(90_077, offsetB.ToCallTicks(ntpB, 1_000 * Ms));

        // One second later in each sender's clock (A's timestamps wrap on the way).
        var a = audioA.ToCallTicks(audioA.Unwrap(unchecked(4_000_048_000 + 48_000)), 2_080 * Ms);
        var b = videoB.ToCallTicks(videoB.Unwrap(90_077 + 90_000), 2_010 * Ms);
        Assert.Equal(2_000 * Ms, a);
        Assert.Equal(2_000 * Ms, b);
    }

    [Fact]
    public void A_party_keeps_one_offset_for_all_its_streams()
    {
        var ntp = NtpTimestamp.FromDateTime(new DateTime(2026, 11, 24, 13, 0, 0, DateTimeKind.Utc));
        var offset = new SenderClockOffset();
        Assert.Equal(1_000 * Ms, offset.ToCallTicks(ntp, 1_000 * Ms));
        // The video report of the same party, 20 ms later by its NTP clock but 35 ms later on
        // arrival (network jitter): it keeps the offset the first report fixed, for lip sync.
        var later = NtpTimestamp.FromDateTime(new DateTime(2026, 11, 24, 13, 0, 0, 20, DateTimeKind.Utc));
        Assert.Equal(1_020 * Ms, offset.ToCallTicks(later, 1_035 * Ms));
    }
}
