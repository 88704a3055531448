using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// Source Description (RFC 3550 §6.5), PT 202, count = SC chunks. Each chunk is
/// <code>
/// | SSRC/CSRC (4) | type (1) | length (1) | text (length) | ... | 0 (1..4 null octets) |
/// </code>
/// and ends on a 32-bit boundary: the item list is closed by a null octet and further null
/// octets pad to the boundary (RFC 3550 §6.5). TryParse validates every chunk, so the
/// enumerators below cannot fail.
/// </summary>
public readonly ref struct SdesPacket
{
    private readonly ReadOnlySpan<byte> _payload;

    private SdesPacket(ReadOnlySpan<byte> payload, int chunkCount)
    {
        _payload = payload;
        ChunkCount = chunkCount;
    }

    public int ChunkCount { get; }

    public ChunkEnumerator GetEnumerator() => new(_payload, ChunkCount);

    public static bool TryParse(ReadOnlySpan<byte> data, out SdesPacket packet)
    {
        packet = default;
        if (!RtcpHeader.TryParse(data, out var header) || header.PacketType != RtcpPacketType.SourceDescription)
        {
            return false;
        }

        var offset = 0;
        for (var i = 0; i < header.Count; i++)
        {
            if (!SdesChunk.TryRead(header.Payload, offset, out _, out offset))
            {
                return false;
            }
        }

        packet = new SdesPacket(header.Payload, header.Count);
        return true;
    }

    /// <summary>Yields the chunks in order.</summary>
    public ref struct ChunkEnumerator
    {
        private readonly ReadOnlySpan<byte> _payload;
        private readonly int _count;
        private int _index;
        private int _next;

        internal ChunkEnumerator(ReadOnlySpan<byte> payload, int count)
        {
            _payload = payload;
            _count = count;
            _index = 0;
            _next = 0;
            Current = default;
        }

        public SdesChunk Current { get; private set; }

        public bool MoveNext()
        {
            if (_index >= _count || !SdesChunk.TryRead(_payload, _next, out var chunk, out _next))
            {
                return false;
            }

            _index++;
            Current = chunk;
            return true;
        }
    }
}

/// <summary>One SDES chunk: a source and its items.</summary>
public readonly ref struct SdesChunk
{
    internal const int SsrcSize = 4;
    internal const int ItemHeaderSize = 2;

    private readonly ReadOnlySpan<byte> _items;

    private SdesChunk(uint ssrc, ReadOnlySpan<byte> items)
    {
        Ssrc = ssrc;
        _items = items;
    }

    public uint Ssrc { get; }

    public ItemEnumerator GetEnumerator() => new(_items);

    /// <summary>Finds the CNAME item, which every compound RTCP packet carries (RFC 3550 §6.5.1).</summary>
    public bool TryGetCanonicalName(out ReadOnlySpan<byte> cname)
    {
        foreach (var item in this)
        {
            if (item.Type == SdesItemType.CanonicalName)
            {
                cname = item.Text;
                return true;
            }
        }

        cname = default;
        return false;
    }

    /// <summary>
    /// Reads the chunk starting at <paramref name="offset"/> of an SDES payload and the offset
    /// of the next one; false if items overrun the payload or the terminator or padding is missing.
    /// </summary>
    internal static bool TryRead(ReadOnlySpan<byte> payload, int offset, out SdesChunk chunk, out int next)
    {
        chunk = default;
        next = offset;
        if (payload.Length - offset < SsrcSize)
        {
            return false;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(payload[offset..]);
        var itemsStart = offset + SsrcSize;
        var position = itemsStart;
        while (true)
        {
            if (position >= payload.Length)
            {
                return false;
            }

            if (payload[position] == (byte)SdesItemType.End)
            {
                break;
            }

            if (position + ItemHeaderSize > payload.Length
                || position + ItemHeaderSize + payload[position + 1] > payload.Length)
            {
                return false;
            }

            position += ItemHeaderSize + payload[position + 1];
        }

        // The null octet, then padding to the next word. Offsets are relative to a payload that
        // starts on a word boundary, so rounding them up is rounding the packet position up.
        var end = (position + 1 + 3) & ~3;
        if (end > payload.Length)
        {
            return false;
        }

        chunk = new SdesChunk(ssrc, payload[itemsStart..position]);
        next = end;
        return true;
    }

    /// <summary>Yields the items of a chunk, without the terminator.</summary>
    public ref struct ItemEnumerator
    {
        private readonly ReadOnlySpan<byte> _items;
        private int _next;

        internal ItemEnumerator(ReadOnlySpan<byte> items)
        {
            _items = items;
            _next = 0;
            Current = default;
        }

        public SdesItem Current { get; private set; }

        public bool MoveNext()
        {
            // The chunk was validated when parsed, so each header and text are in bounds.
            if (_next >= _items.Length)
            {
                return false;
            }

            var length = _items[_next + 1];
            Current = new SdesItem(
                (SdesItemType)_items[_next], _items.Slice(_next + ItemHeaderSize, length));
            _next += ItemHeaderSize + length;
            return true;
        }
    }
}

/// <summary>One SDES item; <see cref="Text"/> is UTF-8 (RFC 3550 §6.5).</summary>
public readonly ref struct SdesItem
{
    internal SdesItem(SdesItemType type, ReadOnlySpan<byte> text)
    {
        Type = type;
        Text = text;
    }

    public SdesItemType Type { get; }

    public ReadOnlySpan<byte> Text { get; }
}
