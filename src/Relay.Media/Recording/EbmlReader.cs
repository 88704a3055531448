using System.Buffers.Binary;

namespace Relay.Media.Recording;

/// <summary>An element's ID and data size as read from its header (RFC 8794 §4–6).</summary>
internal readonly record struct EbmlElementHeader(uint Id, ulong Size, bool UnknownSize, int HeaderLength);

/// <summary>Reads EBML element headers from spans. False — never an exception — on short or invalid input.</summary>
internal static class EbmlReader
{
    /// <summary>Longest element header: a 4-octet ID and an 8-octet size.</summary>
    public const int MaxHeaderLength = 12;

    public static bool TryReadHeader(ReadOnlySpan<byte> data, out EbmlElementHeader header)
    {
        header = default;
        if (!TryReadId(data, out var id, out var idLength)
            || !TryReadSize(data[idLength..], out var size, out var unknown, out var sizeLength))
        {
            return false;
        }

        header = new EbmlElementHeader(id, size, unknown, idLength + sizeLength);
        return true;
    }

    /// <summary>An ID of 1–4 octets, kept with its marker bits (as <see cref="MatroskaId"/> spells them).</summary>
    public static bool TryReadId(ReadOnlySpan<byte> data, out uint id, out int length)
    {
        id = 0;
        length = data.IsEmpty ? 0 : VintLength(data[0]);
        if (length is 0 or > 4 || data.Length < length)
        {
            length = 0;
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            id = (id << 8) | data[i];
        }

        return true;
    }

    /// <summary>A data size of 1–8 octets; all value bits set means unknown (RFC 8794 §6.2).</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> data, out ulong size, out bool unknown, out int length)
    {
        size = 0;
        unknown = false;
        length = data.IsEmpty ? 0 : VintLength(data[0]);
        if (length == 0 || data.Length < length)
        {
            length = 0;
            return false;
        }

        size = data[0] & (0xFFUL >> length);
        for (var i = 1; i < length; i++)
        {
            size = (size << 8) | data[i];
        }

        unknown = size == (1UL << (7 * length)) - 1;
        return true;
    }

    public static ulong ReadUInt(ReadOnlySpan<byte> data)
    {
        ulong value = 0;
        foreach (var b in data)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>A 4- or 8-octet float (RFC 8794 §7.3); 0 for other lengths.</summary>
    public static double ReadFloat(ReadOnlySpan<byte> data) => data.Length switch
    {
        4 => BinaryPrimitives.ReadSingleBigEndian(data),
        8 => BinaryPrimitives.ReadDoubleBigEndian(data),
        _ => 0,
    };

    /// <summary>Width of a VINT from its first octet: 1 + its leading zeros; 0 when the octet is zero.</summary>
    private static int VintLength(byte first) => first == 0 ? 0 : System.Numerics.BitOperations.LeadingZeroCount((uint)first) - 23;
}
