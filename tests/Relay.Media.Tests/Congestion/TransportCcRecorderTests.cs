using Relay.Media.Congestion;
using Relay.Media.Rtcp;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Congestion;

/// <summary>Arrivals recorded by transport-wide sequence number, turned into feedback checked byte by byte.</summary>
public sealed class TransportCcRecorderTests
{
    private const uint Sender = 0x11223344;
    private const uint Media = 0x55667788;

    private static byte[] Feedback(TransportCcRecorder recorder, int size = 1200)
    {
        var buffer = new byte[size];
        Assert.True(recorder.TryWriteFeedback(Sender, Media, buffer, out var written));
        return buffer[..written];
    }

    [Fact]
    public void Numbers_across_the_16_bit_wrap_are_one_run()
    {
        var recorder = new TransportCcRecorder();
        recorder.Record(65534, 64_000);
        recorder.Record(65535, 64_500);
        recorder.Record(0, 65_000);
        recorder.Record(1, 65_250);

        var expected = Hex.Parse("""
            8F CD 00 06   11 22 33 44   55 66 77 88
            FF FE 00 04
            00 00 01 00
            20 04
            00 02 02 01
            00 00
            """);
        // RTPFB FMT 15, 7 words · sender · media
        // base 65534, 4 statuses
        // reference time 1 × 64 ms, feedback count 0
        // run of 4 small deltas
        // 0, 2, 2, 1 × 250 µs after the reference time and each other
        // padding
        Assert.Equal(expected, Feedback(recorder));
        Assert.False(recorder.HasUnreported);
    }

    [Fact]
    public void Gaps_are_reported_not_received_and_reordered_arrivals_keep_their_times()
    {
        var recorder = new TransportCcRecorder();
        recorder.Record(10, 1_000);
        recorder.Record(12, 1_500);
        recorder.Record(11, 2_000); // overtaken by 12
        recorder.Record(15, 2_500); // 13 and 14 never come

        var expected = Hex.Parse("""
            8F CD 00 06   11 22 33 44   55 66 77 88
            00 0A 00 06
            00 00 00 00
            D6 04
            04 04 FF FE 04
            00
            """);
        // base 10, 6 statuses · reference 0, count 0
        // 2-bit vector: small small large lost lost small
        // 10 at 4 ticks, 11 at 8, 12 at 6 (−2, a signed two-byte delta), 15 at 10
        Assert.Equal(expected, Feedback(recorder));
    }

    [Fact]
    public void A_delta_over_a_byte_takes_two_bytes()
    {
        var recorder = new TransportCcRecorder();
        recorder.Record(1, 0);
        recorder.Record(2, 100_000); // 400 ticks later
        recorder.Record(3, 100_250);

        var expected = Hex.Parse("""
            8F CD 00 06   11 22 33 44   55 66 77 88
            00 01 00 03
            00 00 00 00
            D9 00
            00 01 90 01
            00 00
            """);
        // 2-bit vector: small large small · deltas 0, 0x0190, 1
        Assert.Equal(expected, Feedback(recorder));
    }

    [Fact]
    public void Each_number_is_reported_once_and_the_next_feedback_starts_where_the_last_ended()
    {
        var recorder = new TransportCcRecorder();
        recorder.Record(1, 0);
        Feedback(recorder);
        recorder.Record(1, 10); // a duplicate of a reported number
        Assert.False(recorder.HasUnreported);

        recorder.Record(3, 64_000); // 2 is lost
        recorder.Record(2, 64_250); // ...until it arrives after all, before the next feedback

        var expected = Hex.Parse("""
            8F CD 00 06   11 22 33 44   55 66 77 88
            00 02 00 02
            00 00 01 01
            D8 00
            01 FF FF
            00 00 00
            """);
        // base 2, 2 statuses · reference 1 (64 ms, from 2's arrival), feedback count 1
        // 2-bit vector: small, large · 2 one tick past the reference, 3 one tick before 2 (−1)
        Assert.Equal(expected, Feedback(recorder));
    }

    [Fact]
    public void A_lost_first_number_opens_the_next_feedback()
    {
        var recorder = new TransportCcRecorder();
        recorder.Record(1, 0);
        Feedback(recorder);
        recorder.Record(3, 64_250); // 2 never comes

        var expected = Hex.Parse("""
            8F CD 00 05   11 22 33 44   55 66 77 88
            00 02 00 02
            00 00 01 01
            90 00
            01
            00
            """);
        // base 2, 2 statuses · reference 1, feedback count 1
        // 1-bit vector: lost, received · delta 1 tick
        Assert.Equal(expected, Feedback(recorder));
    }

    [Fact]
    public void Feedback_that_would_outgrow_the_limit_is_split_into_packets_that_continue_each_other()
    {
        var recorder = new TransportCcRecorder();
        for (ushort i = 0; i < 20; i++)
        {
            recorder.Record(i, i * 250L);
        }

        var first = Hex.Parse("""
            8F CD 00 07   11 22 33 44   55 66 77 88
            00 00 00 0A
            00 00 00 00
            20 0A
            00 01 01 01 01 01 01 01 01 01
            """);
        var second = Hex.Parse("""
            8F CD 00 07   11 22 33 44   55 66 77 88
            00 0A 00 0A
            00 00 00 01
            20 0A
            0A 01 01 01 01 01 01 01 01 01
            """);
        // 32 bytes hold ten statuses with one-byte deltas; the second packet's first delta is
        // from its own reference time (0), ten ticks.
        Assert.Equal(first, Feedback(recorder, size: 32));
        Assert.True(recorder.HasUnreported);
        Assert.Equal(second, Feedback(recorder, size: 32));
        Assert.False(recorder.HasUnreported);
        Assert.Equal(2, recorder.FeedbackPacketsWritten);
    }

    [Fact]
    public void A_full_ring_of_mixed_statuses_splits_at_the_size_limit_and_reports_every_number_once()
    {
        var recorder = new TransportCcRecorder();
        for (var i = 0; i < TransportCcRecorder.Capacity; i++)
        {
            // Every other packet lost; the rest with deltas that need two bytes.
            if (i % 2 == 0)
            {
                recorder.Record((ushort)(60_000 + i), i * 70_000L);
            }
        }

        var reported = new List<(ushort Sequence, bool Received)>();
        var packets = 0;
        var buffer = new byte[1200];
        while (recorder.TryWriteFeedback(Sender, Media, buffer, out var written))
        {
            Assert.True(written <= 1200);
            Assert.True(TransportCcPacket.TryParse(buffer.AsSpan(0, written), out var packet));
            Assert.Equal(packets, packet.FeedbackPacketCount);
            var first = true;
            foreach (var status in packet)
            {
                reported.Add((status.SequenceNumber, status.Received));
                if (status.Received)
                {
                    // The first delta of a packet is from its reference time and may be small.
                    Assert.True(first || status.Symbol == TransportCcSymbol.LargeDelta);
                    first = false;
                    Assert.Equal((status.SequenceNumber - 60_000) * 70_000L, status.ArrivalMicroseconds);
                }
            }

            packets++;
        }

        Assert.True(packets >= 2);
        // The last recorded number was 60,000 + 1022; 1023 was never seen, so it is not reported.
        Assert.Equal(TransportCcRecorder.Capacity - 1, reported.Count);
        for (var i = 0; i < reported.Count; i++)
        {
            Assert.Equal((ushort)(60_000 + i), reported[i].Sequence);
            Assert.Equal(i % 2 == 0, reported[i].Received);
        }
    }

    [Fact]
    public void Arrivals_more_than_8_seconds_apart_go_in_separate_packets()
    {
        var recorder = new TransportCcRecorder();
        recorder.Record(5, 0);
        recorder.Record(6, 9_000_000);

        var first = Feedback(recorder);
        var second = Feedback(recorder);

        Assert.True(TransportCcPacket.TryParse(first, out var a));
        Assert.True(TransportCcPacket.TryParse(second, out var b));
        Assert.Equal((5, 1), (a.BaseSequence, a.PacketStatusCount));
        Assert.Equal((6, 1), (b.BaseSequence, b.PacketStatusCount));
        Assert.Equal(9_000_000 / 64_000, b.ReferenceTime);
    }

    [Fact]
    public void When_more_numbers_are_unreported_than_the_ring_holds_the_oldest_are_dropped()
    {
        var recorder = new TransportCcRecorder();
        recorder.Record(0, 0);
        recorder.Record(5000, 1_000);

        var buffer = new byte[1200];
        Assert.True(recorder.TryWriteFeedback(Sender, Media, buffer, out var written));
        Assert.True(TransportCcPacket.TryParse(buffer.AsSpan(0, written), out var packet));
        Assert.Equal(5000 - TransportCcRecorder.Capacity + 1, packet.BaseSequence);
        Assert.Equal(TransportCcRecorder.Capacity, packet.PacketStatusCount);
        Assert.False(recorder.HasUnreported);
    }

    [Fact]
    public void Nothing_to_report_writes_nothing()
    {
        var recorder = new TransportCcRecorder();
        Assert.False(recorder.HasUnreported);
        Assert.False(recorder.TryWriteFeedback(Sender, Media, new byte[1200], out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Recording_and_writing_feedback_allocate_nothing()
    {
        var recorder = new TransportCcRecorder();
        var buffer = new byte[1200];
        ushort sequence = 65_000;
        long time = 0;
        void Round()
        {
            for (var i = 0; i < 50; i++)
            {
                // A gap and a reordering in every round, across the 16-bit wrap.
                if (i != 7)
                {
                    recorder.Record(i == 20 ? (ushort)(sequence + 21) : i == 21 ? (ushort)(sequence + 20) : (ushort)(sequence + i), time += 700);
                }
            }

            sequence += 50;
            while (recorder.TryWriteFeedback(Sender, Media, buffer, out _))
            {
            }
        }

        var allocated = SteadyStateAllocation.Measure(() =>
        {
            for (var round = 0; round < 40; round++)
            {
                Round();
            }
        });

        Assert.Equal(0, allocated);
    }
}
