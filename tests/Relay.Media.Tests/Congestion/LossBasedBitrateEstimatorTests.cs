using Relay.Media.Congestion;

namespace Relay.Media.Tests.Congestion;

/// <summary>
/// The loss-based cap on deterministic feedback. A unit of 10 kbit is two packets of 625 bytes, so
/// that 100 units in a second (1 Mbit/s) fill a window's 200 packets.
/// </summary>
public sealed class LossBasedBitrateEstimatorTests
{
    private const int PacketSize = 625;

    /// <summary>A tally of <paramref name="delivered"/> and <paramref name="lost"/> units sent evenly from <paramref name="from"/> to <paramref name="to"/> ms.</summary>
    private static FeedbackTally Tally(int delivered, int lost, long from = 0, long to = 1000)
    {
        var tally = default(FeedbackTally);
        var count = delivered + lost;
        // Losses spread among deliveries, as random loss would be.
        var lossEvery = Math.Max(count / Math.Max(lost, 1), 1);
        for (var i = 0; i < count; i++)
        {
            var sentAt = from + ((to - from) * i / Math.Max(count - 1, 1));
            var isLost = i % lossEvery == 0 && lost-- > 0;
            for (var half = 0; half < 2; half++)
            {
                if (isLost)
                {
                    tally.Lost(PacketSize, sentAt);
                }
                else
                {
                    tally.Delivered(PacketSize, sentAt, wasCountedLost: false);
                }
            }
        }

        return tally;
    }

    /// <summary>Feeds a window sent over <paramref name="span"/> ms in two halves, so it closes on the second.</summary>
    private static bool Window(LossBasedBitrateEstimator estimator, int delivered, int lost, long at, long span = 1000)
    {
        var first = Tally(delivered / 2, lost / 2, at, at + (span / 2) - 1);
        var second = Tally(delivered - (delivered / 2), lost - (lost / 2), at + (span / 2), at + span);
        Assert.False(estimator.Add(first, at));
        return estimator.Add(second, at + (span / 2));
    }

    [Fact]
    public void Until_loss_is_reported_there_is_no_limit()
    {
        var estimator = new LossBasedBitrateEstimator();
        Assert.False(estimator.HasEstimate);
        Assert.Equal(LossBasedBitrateEstimator.MaxBitrate, estimator.Bitrate);
        Assert.False(estimator.Add(default, 0));

        // 100 packets in a second, none lost: 1 Mbit/s delivered, and still no limit.
        Assert.True(Window(estimator, delivered: 100, lost: 0, at: 0));

        Assert.True(estimator.HasEstimate);
        Assert.Equal(1_000_000, estimator.DeliveredBitrate);
        Assert.Equal(0, estimator.LossFraction);
        Assert.Equal(LossBasedBitrateEstimator.MaxBitrate, estimator.Bitrate);
    }

    [Fact]
    public void Loss_over_ten_percent_cuts_the_cap_below_what_was_sent_by_half_the_loss()
    {
        var estimator = new LossBasedBitrateEstimator();
        Assert.True(Window(estimator, 100, 0, at: 0));

        // 20 % loss of 1 Mbit/s sent: min(no limit, 1 M) × (1 − 0.1).
        Assert.True(Window(estimator, 80, 20, at: 1000));

        Assert.Equal(0.2, estimator.LossFraction, 3);
        Assert.Equal(800_000, estimator.DeliveredBitrate);
        Assert.Equal(900_000, estimator.Bitrate);

        // Still 20 %, now of 500 kbit/s: the cut starts from the lower of cap and sent rate.
        Assert.True(Window(estimator, 80, 20, at: 2000, span: 2000));
        Assert.Equal(450_000, estimator.Bitrate);
    }

    [Fact]
    public void Loss_between_two_and_ten_percent_holds_the_cap_and_a_clean_path_grows_it_8_percent_a_second()
    {
        var estimator = new LossBasedBitrateEstimator();
        Assert.True(Window(estimator, 80, 20, at: 0));
        Assert.Equal(900_000, estimator.Bitrate);

        // 5 % loss: hold.
        Assert.True(Window(estimator, 95, 5, at: 1000));
        Assert.Equal(900_000, estimator.Bitrate);

        // Clean: one second since the last evaluation, then two more.
        Assert.True(Window(estimator, 100, 0, at: 2000));
        Assert.Equal(972_000, estimator.Bitrate);
        Assert.True(Window(estimator, 100, 0, at: 3000));
        Assert.True(Window(estimator, 100, 0, at: 4000));
        Assert.InRange(estimator.Bitrate, 1_133_740, 1_133_741); // 900 k × 1.08³
    }

    [Fact]
    public void Total_loss_of_a_thin_stream_stops_at_the_minimum()
    {
        var estimator = new LossBasedBitrateEstimator();
        var tally = default(FeedbackTally);
        for (var i = 0; i < 199; i++)
        {
            tally.Lost(10, i * 5);
        }

        // 200 × 10 bytes lost over about a second: 16 kbit/s sent, halved, is under the floor.
        Assert.False(estimator.Add(tally, 0));
        Assert.True(estimator.Add(Single(10, 1000), 500));

        Assert.True(estimator.LossFraction > 0.9);
        Assert.Equal(LossBasedBitrateEstimator.MinBitrate, estimator.Bitrate);
    }

    private static FeedbackTally Single(int size, long sentAt)
    {
        var tally = default(FeedbackTally);
        tally.Lost(size, sentAt);
        return tally;
    }

    [Fact]
    public void A_window_needs_half_a_second_and_two_hundred_packets()
    {
        var estimator = new LossBasedBitrateEstimator();
        Assert.False(estimator.Add(Tally(75, 0), 0));
        Assert.False(estimator.Add(Tally(24, 0), 600)); // 198 packets: still open
        Assert.True(estimator.Add(Tally(1, 0, 1000, 1000), 700));
        Assert.True(estimator.HasEstimate);
    }
}
