using System.Buffers.Binary;
using System.Text;

namespace Relay.Media.Recording;

/// <summary>
/// Writes EBML elements (RFC 8794) into a caller-owned span. Element IDs are written as their
/// encoded bytes; data sizes as variable-size integers (VINT, §4): the marker bit of a width-w
/// VINT is bit (8 − w) of its first byte, and an all-ones value means "unknown size".
/// Writing past the end throws: callers size their buffers from the elements they write.
/// </summary>
internal ref struct EbmlWriter(Span<byte> destination)
{
    /// <summary>Largest value a VINT of 8 octets can hold (2^56 − 2; all ones is reserved).</summary>
    public const ulong MaxSize = (1UL << 56) - 2;

    /// <summary>An 8-octet unknown size (RFC 8794 §6.2), patched later with <see cref="WriteFixedSize"/>.</summary>
    public const ulong UnknownSize8 = 0x01FF_FFFF_FFFF_FFFF;

    /// <summary>Width of the size a master element started with <see cref="StartMaster"/> reserves.</summary>
    private const int MasterSizeWidth = 4;

    private readonly Span<byte> _buffer = destination;

    public int Position { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[..Position];

    /// <summary>Octets of an ID: its first byte's leading zeros say how many (1–4).</summary>
    public static int IdLength(uint id) => id switch
    {
        <= 0xFF => 1,
        <= 0xFFFF => 2,
        <= 0xFF_FFFF => 3,
        _ => 4,
    };

    /// <summary>Octets of the shortest VINT for <paramref name="size"/>; w octets hold up to 2^(7w) − 2.</summary>
    public static int SizeLength(ulong size)
    {
        var width = 1;
        while (width < 8 && size > (1UL << (7 * width)) - 2)
        {
            width++;
        }

        return width;
    }

    /// <summary>Octets of the shortest big-endian unsigned integer for <paramref name="value"/> (at least one).</summary>
    public static int UIntLength(ulong value)
    {
        var length = 1;
        while (length < 8 && value >> (8 * length) != 0)
        {
            length++;
        }

        return length;
    }

    public void WriteId(uint id)
    {
        var length = IdLength(id);
        for (var i = length - 1; i >= 0; i--)
        {
            _buffer[Position++] = (byte)(id >> (8 * i));
        }
    }

    public void WriteSize(ulong size) => WriteFixedSize(size, SizeLength(size));

    /// <summary>A size in exactly <paramref name="width"/> octets: patchable in place, or an unknown size's slot.</summary>
    public void WriteFixedSize(ulong size, int width)
    {
        WriteFixedSize(_buffer[Position..], size, width);
        Position += width;
    }

    public static void WriteFixedSize(Span<byte> destination, ulong size, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, (1UL << (7 * width)) - 2);
        var marked = size | (1UL << (7 * width));
        for (var i = 0; i < width; i++)
        {
            destination[i] = (byte)(marked >> (8 * (width - 1 - i)));
        }
    }

    public void WriteUnknownSize()
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer[Position..], UnknownSize8);
        Position += 8;
    }

    public void WriteUInt(uint id, ulong value) => WriteUInt(id, value, UIntLength(value));

    /// <summary>An unsigned integer in a fixed number of octets, so it can be patched in place later.</summary>
    public void WriteUInt(uint id, ulong value, int length)
    {
        WriteId(id);
        WriteSize((ulong)length);
        for (var i = length - 1; i >= 0; i--)
        {
            _buffer[Position++] = (byte)(value >> (8 * i));
        }
    }

    /// <summary>An 8-octet IEEE 754 double (RFC 8794 §7.3).</summary>
    public void WriteFloat(uint id, double value)
    {
        WriteId(id);
        WriteSize(8);
        BinaryPrimitives.WriteDoubleBigEndian(_buffer[Position..], value);
        Position += 8;
    }

    /// <summary>An ASCII or UTF-8 string, without terminator.</summary>
    public void WriteString(uint id, string value)
    {
        WriteId(id);
        var length = Encoding.UTF8.GetByteCount(value);
        WriteSize((ulong)length);
        Position += Encoding.UTF8.GetBytes(value, _buffer[Position..]);
    }

    public void WriteBinary(uint id, scoped ReadOnlySpan<byte> value)
    {
        WriteId(id);
        WriteSize((ulong)value.Length);
        WriteRaw(value);
    }

    public void WriteRaw(scoped ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer[Position..]);
        Position += value.Length;
    }

    /// <summary>
    /// A Void element filling exactly <paramref name="totalLength"/> octets (≥ 2), header included:
    /// space reserved now for an element written over it later.
    /// </summary>
    public void WriteVoid(int totalLength)
    {
        WriteVoid(_buffer[Position..], totalLength);
        Position += totalLength;
    }

    public static void WriteVoid(Span<byte> destination, int totalLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalLength, 2);
        // One ID octet; the size's width grows with the data so that ID + size + data add up.
        var width = totalLength - 1 <= 127 ? 1 : totalLength - 2 <= 16_383 ? 2 : 8;
        destination[0] = (byte)MatroskaId.Void;
        WriteFixedSize(destination[1..], (ulong)(totalLength - 1 - width), width);
        destination[(1 + width)..totalLength].Clear();
    }

    /// <summary>Writes the ID and reserves a 4-octet size; <see cref="EndMaster"/> fills it in.</summary>
    public int StartMaster(uint id)
    {
        WriteId(id);
        var sizeAt = Position;
        Position += MasterSizeWidth;
        return sizeAt;
    }

    public readonly void EndMaster(int sizeAt) =>
        WriteFixedSize(_buffer[sizeAt..], (ulong)(Position - sizeAt - MasterSizeWidth), MasterSizeWidth);
}
