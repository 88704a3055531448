using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class NackItemTests
{
    private static List<ushort> Lost(NackItem item)
    {
        var list = new List<ushort>();
        foreach (var sequence in item)
        {
            list.Add(sequence);
        }

        return list;
    }

    [Fact]
    public void Without_BLP_only_the_PID_is_lost()
    {
        Assert.Equal([1000], Lost(new NackItem(1000, 0)));
    }

    [Fact]
    public void BLP_bit_i_reports_PID_plus_i_plus_1()
    {
        // RFC 4585 §6.2.1: "bit i of the bit mask is set to 1 if ... packet PID+i+1 ... lost".
        Assert.Equal([1000, 1001, 1003, 1016], Lost(new NackItem(1000, 0b1000_0000_0000_0101)));
    }

    [Fact]
    public void Sequences_wrap_at_65536()
    {
        Assert.Equal([65534, 65535, 0, 14], Lost(new NackItem(65534, 0x8003)));
    }

    [Fact]
    public void All_bits_set_covers_17_packets()
    {
        Assert.Equal(Enumerable.Range(5, 17).Select(i => (ushort)i), Lost(new NackItem(5, 0xFFFF)));
    }

    [Fact]
    public void Packs_lost_sequences_into_items()
    {
        ushort[] lost = [1000, 1001, 1003, 1003, 65535, 0, 15, 16];
        Assert.Equal(3, NackItem.CountFor(lost));

        var items = new NackItem[3];
        Assert.Equal(3, NackItem.FromLostSequences(lost, items));
        Assert.Equal(
            [
                new NackItem(1000, 0x0005),  // 1001 → bit 0, 1003 → bit 2; the duplicate is dropped
                new NackItem(65535, 0x8001), // 0 → bit 0, 15 → bit 15, across the wrap
                new NackItem(16, 0),         // 17 past 65535: needs its own PID
            ],
            items);
    }

    [Fact]
    public void Packing_refuses_a_destination_too_small()
    {
        ushort[] lost = [1, 100];
        Assert.Equal(-1, NackItem.FromLostSequences(lost, new NackItem[1]));
        Assert.Equal(0, NackItem.CountFor([]));
    }

    [Fact]
    public void Packing_then_enumerating_gives_back_the_sorted_distinct_list()
    {
        var random = new Random(4585);
        for (var round = 0; round < 200; round++)
        {
            var start = random.Next(65536);
            var lost = Enumerable.Range(0, random.Next(1, 60))
                .Select(_ => random.Next(0, 300))
                .Distinct()
                .Order()
                .Select(offset => (ushort)(start + offset))
                .ToArray();

            var items = new NackItem[NackItem.CountFor(lost)];
            NackItem.FromLostSequences(lost, items);
            Assert.Equal(lost, items.SelectMany(Lost));
        }
    }
}
