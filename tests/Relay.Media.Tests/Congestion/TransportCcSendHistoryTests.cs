using Relay.Media.Congestion;
using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Congestion;

/// <summary>Our numbered packets and what feedback says became of them.</summary>
public sealed class TransportCcSendHistoryTests
{
    private static byte[] Feedback(params TransportCcArrival[] arrivals)
    {
        Assert.True(TransportCcWriter.TryCreate(1, 2, 0, arrivals, out var writer, out _));
        var buffer = new byte[writer.Size];
        Assert.True(writer.TryWriteTo(buffer, out _));
        return buffer;
    }

    private static FeedbackTally Apply(TransportCcSendHistory history, byte[] feedback)
    {
        Assert.True(TransportCcPacket.TryParse(feedback, out var packet));
        var tally = default(FeedbackTally);
        history.Apply(packet, ref tally);
        return tally;
    }

    [Fact]
    public void Numbers_start_at_one_and_feedback_counts_delivered_and_lost_bytes()
    {
        var history = new TransportCcSendHistory();
        Assert.Equal(1, history.Add(100, 10));
        Assert.Equal(2, history.Add(200, 20));
        Assert.Equal(3, history.Add(300, 30));

        var tally = Apply(history, Feedback(TransportCcArrival.At(1, 0), TransportCcArrival.At(3, 1000)));

        Assert.Equal((2, 1), (tally.PacketsDelivered, tally.PacketsLost));
        Assert.Equal((400L, 200L), (tally.BytesDelivered, tally.BytesLost));
        Assert.Equal((10L, 30L), (tally.FirstSentAt, tally.LastSentAt));
    }

    [Fact]
    public void A_number_counts_once_and_a_late_arrival_turns_its_loss_into_a_delivery()
    {
        var history = new TransportCcSendHistory();
        history.Add(100, 0);
        history.Add(100, 0);
        history.Add(100, 0);
        var first = Apply(history, Feedback(TransportCcArrival.At(1, 0), TransportCcArrival.At(3, 1000)));
        Assert.Equal((2, 1), (first.PacketsDelivered, first.PacketsLost));

        var again = Apply(history, Feedback(TransportCcArrival.At(1, 0), TransportCcArrival.At(2, 500), TransportCcArrival.At(3, 1000)));

        Assert.Equal((1, -1), (again.PacketsDelivered, again.PacketsLost));
        Assert.Equal((100L, -100L), (again.BytesDelivered, again.BytesLost));
    }

    [Fact]
    public void Numbers_across_the_wrap_are_matched_and_unknown_ones_ignored()
    {
        var history = new TransportCcSendHistory();
        for (var i = 0; i < 65_535; i++)
        {
            history.Add(1, 0);
        }

        // The last two numbers were 65534 and 65535; the next ones wrap to 0 and 1.
        Assert.Equal(0, history.Add(10, 5));
        Assert.Equal(1, history.Add(10, 6));

        var tally = Apply(history, Feedback(TransportCcArrival.At(65_535, 0), TransportCcArrival.At(0, 250), TransportCcArrival.At(1, 500), TransportCcArrival.At(2, 750)));

        // 2 was never sent: ignored.
        Assert.Equal((3, 0), (tally.PacketsDelivered, tally.PacketsLost));
        Assert.Equal(21L, tally.BytesDelivered);
    }

    [Fact]
    public void Feedback_about_numbers_that_left_the_ring_is_ignored()
    {
        var history = new TransportCcSendHistory();
        for (var i = 0; i < TransportCcSendHistory.Capacity + 10; i++)
        {
            history.Add(1, 0);
        }

        var tally = Apply(history, Feedback(TransportCcArrival.At(5, 0)));

        Assert.Equal(0, tally.PacketsReported);
    }

    [Fact]
    public void Numbering_packets_and_reading_feedback_allocate_nothing()
    {
        var history = new TransportCcSendHistory();
        var estimator = new LossBasedBitrateEstimator();
        var feedback = Feedback(TransportCcArrival.At(1, 0), TransportCcArrival.At(3, 1000));
        Assert.True(TransportCcPacket.TryParse(feedback, out _));
        var time = 0;

        var allocated = SteadyStateAllocation.Measure(() =>
        {
            for (var i = 0; i < 1000; i++, time++)
            {
                history.Add(1200, time);
                Assert.True(TransportCcPacket.TryParse(feedback, out var packet));
                var tally = default(FeedbackTally);
                history.Apply(packet, ref tally);
                estimator.Add(tally, time);
            }
        });

        Assert.Equal(0, allocated);
    }
}
