using System.Buffers.Binary;
using System.Net;

namespace Relay.Media.Stun;

/// <summary>Address family byte of MAPPED-ADDRESS and XOR-MAPPED-ADDRESS (RFC 8489 §14.1).</summary>
public enum StunAddressFamily : byte
{
    IPv4 = 0x01,
    IPv6 = 0x02,
}

/// <summary>
/// A transport address as STUN carries it: family, port and 4 or 16 address bytes, held in a
/// value so that reading and writing the mapped address on the response path allocates nothing.
/// </summary>
public readonly struct StunAddress : IEquatable<StunAddress>
{
    private const int IPv4Length = 4;
    private const int IPv6Length = 16;

    // Value layout of (XOR-)MAPPED-ADDRESS (RFC 8489 §14.1, §14.2):
    // byte 0 reserved (zero, ignored), byte 1 family, bytes 2-3 port, then the address.
    private const int FamilyOffset = 1;
    private const int PortOffset = 2;
    private const int AddressOffset = 4;

    // The address as one big-endian number; an IPv4 address sits in the low 32 bits.
    private readonly UInt128 _address;

    private StunAddress(StunAddressFamily family, UInt128 address, ushort port)
    {
        Family = family;
        _address = address;
        Port = port;
    }

    /// <summary>
    /// From 4 or 16 address bytes in network order. An IPv4-mapped IPv6 address (::ffff:a.b.c.d,
    /// as a dual-stack socket reports IPv4 peers) becomes the IPv4 address it stands for, since
    /// the peer knows itself by that address and compares candidates by it.
    /// </summary>
    /// <exception cref="ArgumentException">The address is neither 4 nor 16 bytes.</exception>
    public StunAddress(ReadOnlySpan<byte> address, ushort port)
    {
        Port = port;
        switch (address.Length)
        {
            case IPv4Length:
                Family = StunAddressFamily.IPv4;
                _address = BinaryPrimitives.ReadUInt32BigEndian(address);
                break;
            case IPv6Length when IsIPv4Mapped(address):
                Family = StunAddressFamily.IPv4;
                _address = BinaryPrimitives.ReadUInt32BigEndian(address[12..]);
                break;
            case IPv6Length:
                Family = StunAddressFamily.IPv6;
                _address = BinaryPrimitives.ReadUInt128BigEndian(address);
                break;
            default:
                throw new ArgumentException("An IP address is 4 or 16 bytes.", nameof(address));
        }
    }

    public StunAddressFamily Family { get; }

    public ushort Port { get; }

    /// <summary>Bytes the address takes: 4 for IPv4, 16 for IPv6.</summary>
    public int AddressLength => Family == StunAddressFamily.IPv4 ? IPv4Length : IPv6Length;

    /// <summary>Allocation-free conversion, for callers that hold an <see cref="IPEndPoint"/>.</summary>
    public static StunAddress FromEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        Span<byte> bytes = stackalloc byte[IPv6Length];
        endPoint.Address.TryWriteBytes(bytes, out var written);
        return new StunAddress(bytes[..written], (ushort)endPoint.Port);
    }

    /// <summary>Writes the address bytes in network order; returns how many (4 or 16).</summary>
    public int CopyAddressTo(Span<byte> destination)
    {
        if (Family == StunAddressFamily.IPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_address);
            return IPv4Length;
        }

        BinaryPrimitives.WriteUInt128BigEndian(destination, _address);
        return IPv6Length;
    }

    /// <summary>Allocates; for tests, logs and the client peer, not the packet path.</summary>
    public IPEndPoint ToEndPoint()
    {
        Span<byte> bytes = stackalloc byte[IPv6Length];
        var length = CopyAddressTo(bytes);
        return new IPEndPoint(new IPAddress(bytes[..length]), Port);
    }

    public bool Equals(StunAddress other) => Family == other.Family && Port == other.Port && _address == other._address;

    public override bool Equals(object? obj) => obj is StunAddress other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Family, Port, _address);

    public override string ToString() => ToEndPoint().ToString();

    public static bool operator ==(StunAddress left, StunAddress right) => left.Equals(right);

    public static bool operator !=(StunAddress left, StunAddress right) => !left.Equals(right);

    /// <summary>Value length of a (XOR-)MAPPED-ADDRESS attribute carrying this address.</summary>
    internal int EncodedLength => AddressOffset + AddressLength;

    /// <summary>
    /// Reads a MAPPED-ADDRESS value, or an XOR-MAPPED-ADDRESS value when
    /// <paramref name="transactionId"/> is given: the port is XORed with the cookie's top 16 bits,
    /// an IPv4 address with the cookie, an IPv6 address with cookie ‖ transaction id (§14.2).
    /// </summary>
    internal static bool TryDecode(ReadOnlySpan<byte> value, bool xor, ReadOnlySpan<byte> transactionId, out StunAddress address)
    {
        address = default;
        if (value.Length < AddressOffset)
        {
            return false;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(value[PortOffset..]);
        var family = (StunAddressFamily)value[FamilyOffset];
        UInt128 bits;
        switch (family)
        {
            case StunAddressFamily.IPv4 when value.Length == AddressOffset + IPv4Length:
                bits = BinaryPrimitives.ReadUInt32BigEndian(value[AddressOffset..]);
                break;
            case StunAddressFamily.IPv6 when value.Length == AddressOffset + IPv6Length:
                bits = BinaryPrimitives.ReadUInt128BigEndian(value[AddressOffset..]);
                break;
            default:
                return false;
        }

        if (xor)
        {
            port ^= (ushort)(StunHeader.MagicCookie >> 16);
            bits ^= XorMask(family, transactionId);
        }

        address = new StunAddress(family, bits, port);
        return true;
    }

    /// <summary>Writes this address as a (XOR-)MAPPED-ADDRESS value of <see cref="EncodedLength"/> bytes.</summary>
    internal void Encode(Span<byte> value, bool xor, ReadOnlySpan<byte> transactionId)
    {
        var port = Port;
        var bits = _address;
        if (xor)
        {
            port ^= (ushort)(StunHeader.MagicCookie >> 16);
            bits ^= XorMask(Family, transactionId);
        }

        value[0] = 0;
        value[FamilyOffset] = (byte)Family;
        BinaryPrimitives.WriteUInt16BigEndian(value[PortOffset..], port);
        new StunAddress(Family, bits, port).CopyAddressTo(value[AddressOffset..]);
    }

    private static UInt128 XorMask(StunAddressFamily family, ReadOnlySpan<byte> transactionId)
    {
        if (family == StunAddressFamily.IPv4)
        {
            return StunHeader.MagicCookie;
        }

        var high = BinaryPrimitives.ReadUInt64BigEndian(transactionId);
        var low = BinaryPrimitives.ReadUInt32BigEndian(transactionId[8..]);
        return ((UInt128)StunHeader.MagicCookie << 96) | ((UInt128)high << 32) | low;
    }

    private static bool IsIPv4Mapped(ReadOnlySpan<byte> address) =>
        !address[..10].ContainsAnyExcept((byte)0) && address[10] == 0xFF && address[11] == 0xFF;
}
