using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class TransportCcWriterTests
{
    internal static byte[] Build(ReadOnlySpan<TransportCcArrival> arrivals, byte feedbackCount)
    {
        Assert.True(TransportCcWriter.TryCreate(0x11223344, 0x55667788, feedbackCount, arrivals, out var writer, out var error));
        Assert.Equal(TransportCcBuildError.None, error);
        return RtcpWriterAssert.Write(writer);
    }

    private static List<ushort> Chunks(byte[] packet)
    {
        Assert.True(TransportCcPacket.TryParse(packet, out var feedback));
        var symbols = feedback.PacketStatusCount;
        var chunks = new List<ushort>();
        for (var offset = 20; symbols > 0; offset += 2)
        {
            var chunk = (ushort)((packet[offset] << 8) | packet[offset + 1]);
            chunks.Add(chunk);
            symbols -= (chunk & 0x8000) == 0 ? chunk & 0x1FFF : (chunk & 0x4000) == 0 ? 14 : 7;
        }

        return chunks;
    }

    [Fact]
    public void A_long_loss_burst_between_vectors_becomes_a_run()
    {
        // 3 received, 100 lost, 3 received (all small deltas).
        TransportCcArrival[] arrivals =
        [
            TransportCcArrival.At(0, 0), TransportCcArrival.At(1, 250), TransportCcArrival.At(2, 500),
            TransportCcArrival.At(103, 1000), TransportCcArrival.At(104, 1250), TransportCcArrival.At(105, 1500),
        ];
        var chunks = Chunks(Build(arrivals, 0));

        // 1-bit vector: 1 1 1 then eleven lost; run of 89 lost; the final three, all alike, as a run.
        Assert.Equal([0b10_11100000000000, 0x0000 | 89, 0x2000 | 3], chunks);
    }

    [Fact]
    public void A_long_run_of_received_packets_is_one_chunk()
    {
        var arrivals = Enumerable.Range(0, 1000).Select(i => TransportCcArrival.At((ushort)i, i * 1000L)).ToArray();
        Assert.Equal([0x2000 | 1000], Chunks(Build(arrivals, 0)));
    }

    [Fact]
    public void Runs_longer_than_8191_are_split()
    {
        TransportCcArrival[] arrivals = [TransportCcArrival.At(0, 0), TransportCcArrival.At(9000, 1000)];
        var chunks = Chunks(Build(arrivals, 0));

        // 1 then 8999 lost then 1: a 1-bit vector takes the first 14, then a full run, then the rest.
        Assert.Equal([0b10_10000000000000, 8191, 0x0000 | (9001 - 14 - 8191 - 1), 0x2000 | 1], chunks);
    }

    [Fact]
    public void A_large_delta_in_a_mixed_stretch_switches_to_2_bit_vectors()
    {
        // Ten alternating received/lost, then a large gap in time.
        var arrivals = new List<TransportCcArrival>();
        for (var i = 0; i < 10; i++)
        {
            arrivals.Add(i % 2 == 0 ? TransportCcArrival.At((ushort)i, i * 250L) : TransportCcArrival.Lost((ushort)i));
        }

        arrivals.Add(TransportCcArrival.At(10, 1_000_000));
        var chunks = Chunks(Build(arrivals.ToArray(), 0));

        // Seven symbols 1010101 as 2-bit, then 010 + large(2) as 2-bit.
        Assert.Equal([0b11_01000100010001, 0b11_00010010000000], chunks);
    }

    [Fact]
    public void Random_feedback_round_trips_through_the_parser()
    {
        var random = new Random(20151019);
        for (var round = 0; round < 500; round++)
        {
            var arrivals = new List<TransportCcArrival>();
            var sequence = (ushort)random.Next(65536);
            // Whole ticks, and below 2^23 reference units so the signed 24-bit field does not wrap.
            var time = random.NextInt64(0, 1L << 28) * 250;
            var count = random.Next(1, 400);
            for (var i = 0; i < count; i++)
            {
                sequence += (ushort)(random.Next(10) == 0 ? random.Next(1, 40) : 1);
                if (random.Next(4) == 0)
                {
                    arrivals.Add(TransportCcArrival.Lost(sequence));
                    continue;
                }

                // Mostly small steps, some reordering, some long pauses; whole 250 µs ticks.
                time += random.Next(10) switch
                {
                    0 => -random.Next(0, 200) * 250L,
                    1 => random.Next(256, 30_000) * 250L,
                    _ => random.Next(0, 40) * 250L,
                };
                time = Math.Max(time, 0);
                arrivals.Add(TransportCcArrival.At(sequence, time));
            }

            var input = arrivals.ToArray();
            var bytes = Build(input, (byte)round);
            Assert.True(TransportCcPacket.TryParse(bytes, out var feedback));
            var parsed = TransportCcPacketTests.Statuses(feedback);

            // Every input is reported with its status; every sequence in between is lost.
            Assert.Equal(input[0].SequenceNumber, feedback.BaseSequence);
            Assert.Equal((ushort)(input[^1].SequenceNumber - input[0].SequenceNumber) + 1, parsed.Count);
            var byNumber = input.ToDictionary(a => a.SequenceNumber);
            foreach (var status in parsed)
            {
                if (byNumber.TryGetValue(status.SequenceNumber, out var arrival) && arrival.ArrivalMicroseconds is { } at)
                {
                    Assert.True(status.Received);
                    Assert.Equal(at, status.ArrivalMicroseconds);
                }
                else
                {
                    Assert.False(status.Received);
                }
            }
        }
    }

    [Fact]
    public void Arrivals_too_far_apart_for_one_packet_are_refused()
    {
        TransportCcArrival[] arrivals = [TransportCcArrival.At(0, 0), TransportCcArrival.At(1, 8_192_000)];
        Assert.False(TransportCcWriter.TryCreate(1, 2, 0, arrivals, out _, out var error));
        Assert.Equal(TransportCcBuildError.DeltaOutOfRange, error);
    }

    [Theory]
    [InlineData(new ushort[] { 5, 5 }, TransportCcBuildError.NotAscending)]
    [InlineData(new ushort[] { 5, 4 }, TransportCcBuildError.NotAscending)]
    [InlineData(new ushort[] { 0, 40000 }, TransportCcBuildError.NotAscending)]
    [InlineData(new ushort[] { }, TransportCcBuildError.Empty)]
    public void Unordered_or_empty_input_is_refused(ushort[] sequences, TransportCcBuildError expected)
    {
        var arrivals = sequences.Select(s => TransportCcArrival.At(s, 0)).ToArray();
        Assert.False(TransportCcWriter.TryCreate(1, 2, 0, arrivals, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void More_than_65535_statuses_are_refused()
    {
        // Steps of 30000 are each unambiguous, but 90001 statuses overflow the 16-bit count.
        TransportCcArrival[] arrivals =
        [
            TransportCcArrival.Lost(0), TransportCcArrival.Lost(30000),
            TransportCcArrival.Lost(60000), TransportCcArrival.Lost(unchecked((ushort)90000)),
        ];
        Assert.False(TransportCcWriter.TryCreate(1, 2, 0, arrivals, out _, out var error));
        Assert.Equal(TransportCcBuildError.TooManyPackets, error);
    }

    [Fact]
    public void Negative_arrival_times_are_refused()
    {
        TransportCcArrival[] arrivals = [TransportCcArrival.At(0, -1)];
        Assert.False(TransportCcWriter.TryCreate(1, 2, 0, arrivals, out _, out var error));
        Assert.Equal(TransportCcBuildError.NegativeArrivalTime, error);
    }

    [Fact]
    public void All_lost_is_a_run_with_no_deltas()
    {
        TransportCcArrival[] arrivals = [TransportCcArrival.Lost(7), TransportCcArrival.Lost(9)];
        var bytes = Build(arrivals, 0);
        Assert.Equal(24, bytes.Length);
        Assert.Equal([3], Chunks(bytes));
    }
}
