using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

/// <summary>Writers run on the media hot path: writing must not allocate (ARCHITECTURE.md, "Hot path").</summary>
public class RtcpWriterAllocationTests
{
    private static readonly TransportCcArrival[] Arrivals =
    [
        TransportCcArrival.At(1, 1000), TransportCcArrival.Lost(2), TransportCcArrival.At(3, 90_000),
        TransportCcArrival.At(40, 91_000), TransportCcArrival.At(41, 50_000),
    ];

    private static readonly SdesCname[] Cnames = [new(1, "Lh3fW5v0W/mCaDWJ")];
    private static readonly ReportBlock[] Blocks = [ReportBlockTests.Expected];
    private static readonly NackItem[] Nacks = [new(1000, 5)];
    private static readonly ushort[] LostSequences = [1, 2, 5, 40];
    private static readonly uint[] Ssrcs = [1, 2];

    private static int WriteAll(Span<byte> buffer)
    {
        var total = 0;
        total += new SenderReportWriter(1, new NtpTimestamp(5), 2, 3, 4, Blocks).TryWriteTo(buffer, out var n) ? n : 0;
        total += new ReceiverReportWriter(1, Blocks).TryWriteTo(buffer, out n) ? n : 0;
        total += new SdesWriter(Cnames).TryWriteTo(buffer, out n) ? n : 0;
        total += new ByeWriter(Ssrcs, "bye"u8).TryWriteTo(buffer, out n) ? n : 0;
        total += new GenericNackWriter(1, 2, Nacks).TryWriteTo(buffer, out n) ? n : 0;
        total += new PliWriter(1, 2).TryWriteTo(buffer, out n) ? n : 0;
        total += new RembWriter(1, 1_000_000, Ssrcs).TryWriteTo(buffer, out n) ? n : 0;
        Span<NackItem> items = stackalloc NackItem[4];
        total += NackItem.FromLostSequences(LostSequences, items);
        if (TransportCcWriter.TryCreate(1, 2, 3, Arrivals, out var twcc, out _))
        {
            total += twcc.TryWriteTo(buffer, out n) ? n : 0;
        }

        return total;
    }

    [Fact]
    public void Writing_every_packet_type_allocates_nothing()
    {
        var buffer = new byte[256];
        var expected = WriteAll(buffer);
        var total = 0;
        var rounds = 0;

        var allocated = SteadyStateAllocation.Measure(() =>
        {
            rounds++;
            for (var i = 0; i < 100; i++)
            {
                total += WriteAll(buffer);
            }
        });

        Assert.Equal(expected * 100 * rounds, total);
        Assert.Equal(0, allocated);
    }
}
