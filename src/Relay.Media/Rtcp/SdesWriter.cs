using System.Buffers.Binary;
using System.Text;

namespace Relay.Media.Rtcp;

/// <summary>A source and its CNAME, for <see cref="SdesWriter"/>.</summary>
public readonly record struct SdesCname(uint Ssrc, string Cname);

/// <summary>
/// Writes an SDES packet with one CNAME-only chunk per source, which is all a compound
/// RTCP packet needs (RFC 3550 §6.1, §6.5.1). CNAMEs are encoded as UTF-8 straight into the
/// destination, so nothing is allocated.
/// </summary>
public readonly ref struct SdesWriter : IRtcpWriter
{
    private readonly ReadOnlySpan<SdesCname> _chunks;

    public SdesWriter(ReadOnlySpan<SdesCname> chunks)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunks.Length, RtcpHeader.MaxCount);
        foreach (var chunk in chunks)
        {
            ArgumentNullException.ThrowIfNull(chunk.Cname);

            // The item length octet limits the text to 255 bytes (RFC 3550 §6.5).
            ArgumentOutOfRangeException.ThrowIfGreaterThan(Encoding.UTF8.GetByteCount(chunk.Cname), byte.MaxValue);
        }

        _chunks = chunks;
    }

    public int Size
    {
        get
        {
            var size = RtcpHeader.Size;
            foreach (var chunk in _chunks)
            {
                size += ChunkSize(Encoding.UTF8.GetByteCount(chunk.Cname));
            }

            return size;
        }
    }

    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        var size = Size;
        if (destination.Length < size)
        {
            return false;
        }

        RtcpHeader.Write(destination, _chunks.Length, RtcpPacketType.SourceDescription, size);
        var offset = RtcpHeader.Size;
        foreach (var chunk in _chunks)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], chunk.Ssrc);
            var item = destination[(offset + SdesChunk.SsrcSize)..];
            var length = Encoding.UTF8.GetBytes(chunk.Cname, item[SdesChunk.ItemHeaderSize..]);
            item[0] = (byte)SdesItemType.CanonicalName;
            item[1] = (byte)length;
            var chunkSize = ChunkSize(length);

            // Terminator and padding are all null octets.
            var textEnd = offset + SdesChunk.SsrcSize + SdesChunk.ItemHeaderSize + length;
            destination[textEnd..(offset + chunkSize)].Clear();
            offset += chunkSize;
        }

        written = size;
        return true;
    }

    // SSRC, item header, text, at least one null octet, rounded up to a word.
    private static int ChunkSize(int textLength) =>
        SdesChunk.SsrcSize + ((SdesChunk.ItemHeaderSize + textLength + 1 + 3) & ~3);
}
