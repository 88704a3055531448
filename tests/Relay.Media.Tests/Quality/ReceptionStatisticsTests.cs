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

    [Fact]
    public void Jitter_follows_rfc_3550_a8_step_by_step()
    {
        // 8 kHz: 160 timestamp units per 20 ms packet. Arrivals at 0, 20, 45, 60 ms give transit
        // times (arrival in units − timestamp) of 0, 0, 40, 0, so |D| = 0, 40, 40 and
        // J = 0 → 0 + (40 − 0)/16 = 2.5 → 2.5 + (40 − 2.5)/16 = 4.84375.
        var stats = new ReceptionStatistics(8000);
        stats.OnPacket(1, 0, At(0));
        stats.OnPacket(2, 160, At(20));
        Assert.Equal(0, stats.Jitter);
        stats.OnPacket(3, 320, At(45));
        Assert.Equal(2.5, stats.Jitter, 6);
        stats.OnPacket(4, 480, At(60));

        Assert.Equal(4.84375, stats.Jitter, 6);
        Assert.Equal(4.84375 / 8000, stats.JitterSeconds, 9);
    }

    [Fact]
    public void Reordering_is_not_loss()
    {
        var stats = new ReceptionStatistics(ClockRate);
        foreach (var sequence in new ushort[] { 10, 11, 13, 12, 14, 16, 15 })
        {
            stats.OnPacket(sequence, sequence * 3000u, At(sequence * 33));
        }

        Assert.Equal(0, stats.PacketsLost);
        Assert.Equal(7, stats.PacketsReceived);
        Assert.Equal(16u, stats.CreateReportBlock(1, At(1000)).HighestSequence);
    }

    [Fact]
    public void A_duplicate_makes_the_loss_negative_but_the_exported_loss_never_shrinks()
    {
        var stats = new ReceptionStatistics(ClockRate);
        foreach (var sequence in new ushort[] { 1, 2, 2, 3 })
        {
            stats.OnPacket(sequence, sequence * 3000u, At(sequence * 33));
        }

        // RFC 3550 §6.4.1: expected 3, received 4.
        Assert.Equal(-1, stats.PacketsLost);
        Assert.Equal(-1, stats.CreateReportBlock(1, At(200)).CumulativeLost);
        stats.TakeNew(out var packets, out _, out var lost);
        Assert.Equal(4, packets);
        Assert.Equal(0, lost);
    }

    [Fact]
    public void Loss_across_the_sequence_wrap_is_counted_once()
    {
        var stats = new ReceptionStatistics(48000);
        // 65535 → 0 → 1: 0 is missing, as is 3.
        foreach (var sequence in new ushort[] { 65533, 65534, 65535, 1, 2, 4 })
        {
            stats.OnPacket(sequence, sequence * 960u, At(sequence * 20));
        }

        Assert.Equal(2, stats.PacketsLost);
        var block = stats.CreateReportBlock(1, At(200));
        Assert.Equal((1u << 16) | 4u, block.HighestSequence);
        Assert.Equal(2, block.CumulativeLost);
    }

    [Fact]
    public void A_sample_gives_the_bitrate_and_the_loss_of_its_interval_alone()
    {
        var stats = new ReceptionStatistics(ClockRate);
        stats.Sample(At(1000));
        for (var i = 0; i < 10; i++)
        {
            if (i != 6)
            {
                stats.OnPacket((ushort)i, (uint)(i * 3000), At(1000 + (i * 100)), size: 250);
            }
        }

        stats.Sample(At(3000));
        // 9 × 250 bytes in 2 s; 1 of 10 missing.
        Assert.Equal(9 * 250 * 8 / 2.0, stats.Bitrate, 6);
        Assert.Equal(0.1, stats.IntervalLoss, 6);
        Assert.Equal(10, stats.IntervalExpected);

        for (var i = 10; i < 20; i++)
        {
            stats.OnPacket((ushort)i, (uint)(i * 3000), At(3000 + (i * 100)), size: 100);
        }

        stats.Sample(At(4000));
        Assert.Equal(10 * 100 * 8, stats.Bitrate, 6);
        Assert.Equal(0, stats.IntervalLoss);
        Assert.Equal(2250 + 1000, stats.BytesReceived);
    }

    [Fact]
    public void The_exported_counts_are_what_is_new_and_a_repaired_gap_is_not_taken_back()
    {
        var stats = new ReceptionStatistics(ClockRate);
        stats.OnPacket(1, 0, At(0), size: 100);
        stats.OnPacket(3, 6000, At(66), size: 100);
        stats.TakeNew(out var packets, out var bytes, out var lost);
        Assert.Equal((2, 200, 1), (packets, bytes, lost));

        stats.OnRetransmission(2, size: 120);
        stats.OnPacket(4, 9000, At(99), size: 100);
        stats.TakeNew(out packets, out bytes, out lost);

        Assert.Equal((2, 220, 0), (packets, bytes, lost));
        Assert.Equal(0, stats.PacketsLost);
    }
}
