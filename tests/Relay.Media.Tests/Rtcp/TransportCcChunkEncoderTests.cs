using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class TransportCcChunkEncoderTests
{
    private const TransportCcSymbol Lost = TransportCcSymbol.NotReceived;
    private const TransportCcSymbol Small = TransportCcSymbol.SmallDelta;
    private const TransportCcSymbol Large = TransportCcSymbol.LargeDelta;

    private static List<ushort> Encode(IEnumerable<TransportCcSymbol> symbols)
    {
        var encoder = default(TransportCcChunkEncoder);
        var chunks = new List<ushort>();
        foreach (var symbol in symbols)
        {
            if (encoder.Add(symbol, out var chunk))
            {
                chunks.Add(chunk);
            }
        }

        if (encoder.Flush(out var last))
        {
            chunks.Add(last);
        }

        return chunks;
    }

    private static List<TransportCcSymbol> Decode(List<ushort> chunks, int count)
    {
        var symbols = new List<TransportCcSymbol>();
        for (var c = 0; c < chunks.Count; c++)
        {
            var capacity = TransportCcChunks.Capacity(chunks[c]);

            // Only the last chunk may describe more slots than there are packets left.
            Assert.True(c == chunks.Count - 1 || symbols.Count + capacity <= count);
            for (var i = 0; i < capacity && symbols.Count < count; i++)
            {
                symbols.Add((TransportCcSymbol)TransportCcChunks.Symbol(chunks[c], i));
            }
        }

        return symbols;
    }

    [Fact]
    public void Nothing_added_emits_nothing()
    {
        Assert.Empty(Encode([]));
    }

    [Fact]
    public void Seven_mixed_symbols_with_a_large_delta_fill_one_2_bit_vector()
    {
        Assert.Equal([0b11_01_10_00_01_01_01_10], Encode([Small, Large, Lost, Small, Small, Small, Large]));
    }

    [Fact]
    public void A_run_of_large_deltas_is_a_run_length_chunk()
    {
        Assert.Equal([0b0_10_0000000001010], Encode(Enumerable.Repeat(Large, 10)));
    }

    [Fact]
    public void Random_streams_decode_to_themselves_with_only_the_last_chunk_partial()
    {
        var random = new Random(7);
        for (var round = 0; round < 2000; round++)
        {
            var symbols = new List<TransportCcSymbol>();
            var length = random.Next(1, 300);
            while (symbols.Count < length)
            {
                // Runs of varied length make both chunk kinds appear.
                var symbol = (TransportCcSymbol)random.Next(3);
                symbols.AddRange(Enumerable.Repeat(symbol, random.Next(3) == 0 ? random.Next(1, 40) : 1));
            }

            Assert.Equal(symbols, Decode(Encode(symbols), symbols.Count));
        }
    }
}
