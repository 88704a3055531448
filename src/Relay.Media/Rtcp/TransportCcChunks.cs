namespace Relay.Media.Rtcp;

/// <summary>
/// Bit layout of the 16-bit packet status chunks
/// (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1):
/// <code>
/// run length:    |T=0| S (2) |       run length (13)        |
/// status vector: |T=1|S=0| 14 × 1-bit symbols (0 lost, 1 small delta) |
///                |T=1|S=1|  7 × 2-bit symbols                          |
/// </code>
/// Symbols are stored first-packet-first from the most significant end.
/// </summary>
internal static class TransportCcChunks
{
    internal const int ChunkSize = 2;
    internal const ushort VectorBit = 0x8000;
    internal const ushort TwoBitSymbolsBit = 0x4000;
    internal const int RunSymbolShift = 13;
    internal const int MaxRunLength = 0x1FFF;
    internal const int OneBitCapacity = 14;
    internal const int TwoBitCapacity = 7;
    internal const int SymbolMask = 3;

    internal static ushort RunLength(int symbol, int length) =>
        (ushort)((symbol << RunSymbolShift) | length);

    /// <summary>Packs symbols (symbol i in bits 2i..2i+1 of <paramref name="packed"/>) into a vector chunk.</summary>
    internal static ushort Vector(uint packed, int count, bool twoBit)
    {
        var chunk = VectorBit | (twoBit ? TwoBitSymbolsBit : 0);
        var bits = twoBit ? 2 : 1;
        var top = twoBit ? TwoBitCapacity : OneBitCapacity;
        for (var i = 0; i < count; i++)
        {
            var symbol = (int)(packed >> (2 * i)) & SymbolMask;
            chunk |= symbol << ((top - 1 - i) * bits);
        }

        return (ushort)chunk;
    }

    /// <summary>Number of packets described by a chunk (before the status count cuts the last one short).</summary>
    internal static int Capacity(ushort chunk) =>
        (chunk & VectorBit) == 0 ? chunk & MaxRunLength
        : (chunk & TwoBitSymbolsBit) == 0 ? OneBitCapacity
        : TwoBitCapacity;

    /// <summary>Symbol <paramref name="index"/> (0 ≤ index &lt; Capacity) of a chunk.</summary>
    internal static int Symbol(ushort chunk, int index)
    {
        if ((chunk & VectorBit) == 0)
        {
            return (chunk >> RunSymbolShift) & SymbolMask;
        }

        return (chunk & TwoBitSymbolsBit) == 0
            ? (chunk >> (OneBitCapacity - 1 - index)) & 1
            : (chunk >> ((TwoBitCapacity - 1 - index) * 2)) & SymbolMask;
    }
}
