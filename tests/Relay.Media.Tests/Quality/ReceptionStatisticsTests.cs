using System.Diagnostics;
using Relay.Media.Quality;
using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Quality;

public sealed class ReceptionStatisticsTests
{
    private const int ClockRate = 90000;

    /// <summary>Stopwatch ticks for a time in milliseconds.</summary>
    private static long At(double ms) => (long)(ms * Stopwatch.Frequency / 1000);

    [Fact]
    public void A_perfect_stream_has_no_loss_and_no_jitter()
    {
        var stats = new ReceptionStatistics(ClockRate);
        for (var i = 0; i < 100; i++)
        {
            // 30 frames a second, timestamps and arrivals in step.
            stats.OnPacket((ushort)(1000 + i), (uint)(i * 3000), At(i * 1000.0 / 30));
        }

        var block = stats.CreateReportBlock(42, At(4000));

        Assert.Equal(42u, block.Ssrc);
        Assert.Equal(0, block.FractionLost);
        Assert.Equal(0, block.CumulativeLost);
        Assert.Equal(1099u, block.HighestSequence);
        Assert.InRange(block.Jitter, 0u, 1u);
        Assert.Equal(100, stats.PacketsReceived);
    }

    [Fact]
    public void Loss_is_counted_in_total_and_per_interval()
    {
        var stats = new ReceptionStatistics(ClockRate);
        for (var i = 0; i < 100; i++)
        {
            if (i % 10 != 3)
            {
                stats.OnPacket((ushort)i, (uint)(i * 3000), At(i * 33.3));
            }
        }

        var first = stats.CreateReportBlock(1, At(3400));
        Assert.Equal(10, first.CumulativeLost);
        Assert.Equal((10 << 8) / 100, first.FractionLost);

        for (var i = 100; i < 150; i++)
        {
            stats.OnPacket((ushort)i, (uint)(i * 3000), At(i * 33.3));
        }

        var second = stats.CreateReportBlock(1, At(5100));
        Assert.Equal(10, second.CumulativeLost);
        Assert.Equal(0, second.FractionLost);
    }

    [Fact]
    public void A_retransmission_fills_its_gap_but_leaves_the_jitter_alone()
    {
        var stats = new ReceptionStatistics(ClockRate);
        for (var i = 0; i < 100; i++)
        {
            if (i != 40)
            {
                stats.OnPacket((ushort)(65500 + i), (uint)(i * 3000), At(i * 1000.0 / 30));
            }
        }

        var jitter = stats.Jitter;
        Assert.Equal(1, stats.PacketsLost);

        // Packet 40 (past the wrap) comes back 200 ms late as RTX.
        stats.OnRetransmission(65540 - 65536);

        Assert.Equal(0, stats.PacketsLost);
        Assert.Equal(100, stats.PacketsReceived);
        Assert.Equal(jitter, stats.Jitter);
        Assert.Equal(0, stats.CreateReportBlock(1, At(4000)).CumulativeLost);
    }

    [Fact]
    public void Sequence_wrap_extends_the_highest_sequence_with_a_cycle_count()
    {
        var stats = new ReceptionStatistics(48000);
        for (var i = 0; i < 20; i++)
        {
            stats.OnPacket((ushort)(65530 + i), (uint)(i * 960), At(i * 20));
        }

        var block = stats.CreateReportBlock(7, At(400));

        Assert.Equal((1u << 16) | 13u, block.HighestSequence);
        Assert.Equal(0, block.CumulativeLost);
    }

    [Fact]
    public void Arrival_variation_shows_as_jitter_in_timestamp_units()
    {
        var stats = new ReceptionStatistics(ClockRate);
        for (var i = 0; i < 200; i++)
        {
            // Every other packet 10 ms late: |D| alternates 900 units; jitter converges towards 900.
            var late = i % 2 == 1 ? 10 : 0;
            stats.OnPacket((ushort)i, (uint)(i * 3000), At((i * 1000.0 / 30) + late));
        }

        var block = stats.CreateReportBlock(1, At(7000));

        Assert.InRange(block.Jitter, 850u, 950u);
    }

    [Fact]
    public void The_last_sender_report_and_the_delay_since_it_are_reported()
    {
        var stats = new ReceptionStatistics(ClockRate);
        stats.OnPacket(1, 0, At(0));
        var ntp = new NtpTimestamp(0x0123_4567_89AB_CDEFUL);
        stats.OnSenderReport(ntp, At(1000));

        var block = stats.CreateReportBlock(1, At(1500));

        Assert.Equal(0x4567_89ABu, block.LastSenderReport);
        Assert.InRange(block.DelaySinceLastSenderReport, 32768u - 5, 32768u + 5);
    }

    [Fact]
    public void Before_any_sender_report_both_fields_are_zero()
    {
        var stats = new ReceptionStatistics(ClockRate);
        stats.OnPacket(1, 0, At(0));

        var block = stats.CreateReportBlock(1, At(1500));

        Assert.Equal(0u, block.LastSenderReport);
        Assert.Equal(0u, block.DelaySinceLastSenderReport);
    }
}
