using System.Diagnostics;
using Relay.Media.Quality;
using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Quality;

public sealed class OutboundStatisticsTests
{
    private const uint Ssrc = 0x1234_5678;

    private static long At(double ms) => (long)(ms * Stopwatch.Frequency / 1000);

    [Fact]
    public void A_receiver_report_from_the_wire_becomes_the_streams_figures()
    {
        // RR from the browser (SSRC 0xCAFE) with one block about our stream: fraction 64/256,
        // 300 lost in all, jitter 900 units (10 ms at 90 kHz), no SR seen yet.
        byte[] wire =
        [
            0x81, 201, 0x00, 0x07, // V=2, RC=1, RR, length 7 words
            0x00, 0x00, 0xCA, 0xFE, // sender SSRC
            0x12, 0x34, 0x56, 0x78, // SSRC_1: our stream
            64, 0x00, 0x01, 0x2C, // fraction lost 64, cumulative 300
            0x00, 0x01, 0x00, 0x10, // extended highest sequence
            0x00, 0x00, 0x03, 0x84, // jitter 900
            0x00, 0x00, 0x00, 0x00, // LSR
            0x00, 0x00, 0x00, 0x00, // DLSR
        ];
        Assert.True(ReceiverReportPacket.TryParse(wire, out var report));
        var stats = new OutboundStatistics(90000);

        stats.OnReportBlock(report.GetReportBlock(0), At(5000));

        Assert.Equal(Ssrc, report.GetReportBlock(0).Ssrc);
        Assert.Equal(1, stats.ReportsReceived);
        Assert.Equal(0.25, stats.FractionLost);
        Assert.Equal(300, stats.CumulativeLost);
        Assert.Equal(0.01, stats.JitterSeconds, 9);
        Assert.Null(stats.RoundTripSeconds);
    }

    [Fact]
    public void Round_trip_is_the_rfc_3550_example_measured_on_the_relays_own_clock()
    {
        // RFC 3550 §6.4.1, Figure 2: the SR went out with LSR 0xb705:2000 at 46853.125 s, the
        // report came back at 46864.500 s with DLSR 0x0005:4000 (5.25 s): RTT 6.125 s.
        var stats = new OutboundStatistics(48000);
        var ntp = new NtpTimestamp(0xB705_2000UL << 16);
        stats.OnSenderReportSent(ntp, At(46_853_125));

        stats.OnReportBlock(new ReportBlock(Ssrc, 0, 0, 0, 0, 0xB705_2000, 0x0005_4000), At(46_864_500));

        Assert.Equal(6.125, stats.RoundTripSeconds!.Value, 6);
        Assert.Equal(1, stats.RoundTripSamples);
    }

    [Fact]
    public void A_report_on_an_sr_the_relay_did_not_send_gives_no_round_trip()
    {
        var stats = new OutboundStatistics(48000);
        stats.OnSenderReportSent(new NtpTimestamp(0x1111_2222UL << 16), At(1000));

        stats.OnReportBlock(new ReportBlock(Ssrc, 0, 0, 0, 0, 0x3333_4444, 0), At(1100));
        Assert.Null(stats.RoundTripSeconds);

        // A DLSR longer than the time since we sent it is no round trip either.
        stats.OnReportBlock(new ReportBlock(Ssrc, 0, 0, 0, 0, 0x1111_2222, 65536), At(1100));
        Assert.Null(stats.RoundTripSeconds);
        Assert.Equal(0, stats.RoundTripSamples);
    }

    [Fact]
    public void Only_the_last_eight_relayed_srs_are_remembered()
    {
        var stats = new OutboundStatistics(48000);
        for (var i = 1; i <= 9; i++)
        {
            stats.OnSenderReportSent(new NtpTimestamp((ulong)i << 32), At(i * 1000));
        }

        stats.OnReportBlock(new ReportBlock(Ssrc, 0, 0, 0, 0, 1u << 16, 0), At(20_000));
        Assert.Null(stats.RoundTripSeconds);

        // SR 2 went out at 2 s; answered 50 ms after, having been held 0 s.
        stats.OnReportBlock(new ReportBlock(Ssrc, 0, 0, 0, 0, 2u << 16, 0), At(2050));
        Assert.Equal(0.05, stats.RoundTripSeconds!.Value, 6);
    }

    [Fact]
    public void Sent_packets_give_the_bitrate_and_the_exported_loss_only_grows()
    {
        var stats = new OutboundStatistics(90000);
        stats.Sample(At(0));
        for (var i = 0; i < 50; i++)
        {
            stats.OnSent(1000);
        }

        stats.Sample(At(2000));
        Assert.Equal(50 * 1000 * 8 / 2.0, stats.Bitrate, 6);

        stats.OnReportBlock(new ReportBlock(Ssrc, 10, 7, 0, 0, 0, 0), At(2100));
        stats.TakeNew(out var packets, out var bytes, out var lost, out var reported, out var measured);
        Assert.Equal((50, 50_000, 7, true, false), (packets, bytes, lost, reported, measured));

        // Duplicates brought the browser's count down: nothing is taken back, and no new report.
        stats.OnReportBlock(new ReportBlock(Ssrc, 0, 5, 0, 0, 0, 0), At(2200));
        stats.TakeNew(out _, out _, out lost, out reported, out _);
        Assert.Equal((0, true), (lost, reported));
        stats.TakeNew(out _, out _, out _, out reported, out _);
        Assert.False(reported);
    }
}
