using System.Buffers.Binary;

namespace Relay.Media.Stun;

// Typed readers for the attributes ICE-lite needs. Each returns false when the attribute is
// absent or its value has the wrong size, so a malformed attribute is never half-read.
public readonly ref partial struct StunMessage
{
    private const int PriorityLength = 4;
    private const int TieBreakerLength = 8;

    /// <summary>USERNAME (RFC 8489 §14.3): for ICE, "receiverUfrag:senderUfrag"; see <see cref="IceUsername"/>.</summary>
    public bool TryGetUsername(out ReadOnlySpan<byte> username) => TryGetAttribute(StunAttributeType.Username, out username);

    /// <summary>SOFTWARE (RFC 8489 §14.14), UTF-8.</summary>
    public bool TryGetSoftware(out ReadOnlySpan<byte> software) => TryGetAttribute(StunAttributeType.Software, out software);

    /// <summary>PRIORITY (RFC 8445 §7.1.1), the priority of the peer-reflexive candidate the check would learn.</summary>
    public bool TryGetPriority(out uint priority)
    {
        priority = 0;
        if (!TryGetAttribute(StunAttributeType.Priority, out var value) || value.Length != PriorityLength)
        {
            return false;
        }

        priority = BinaryPrimitives.ReadUInt32BigEndian(value);
        return true;
    }

    /// <summary>USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair.
    /// Zero-length by definition; a value makes it malformed, hence absent.</summary>
    public bool HasUseCandidate => TryGetAttribute(StunAttributeType.UseCandidate, out var value) && value.IsEmpty;

    /// <summary>ICE-CONTROLLING (RFC 8445 §7.1.3): the sender is controlling; the value is its tie-breaker.</summary>
    public bool TryGetIceControlling(out ulong tieBreaker) => TryGetTieBreaker(StunAttributeType.IceControlling, out tieBreaker);

    /// <summary>ICE-CONTROLLED (RFC 8445 §7.1.3): the sender is controlled; the value is its tie-breaker.</summary>
    public bool TryGetIceControlled(out ulong tieBreaker) => TryGetTieBreaker(StunAttributeType.IceControlled, out tieBreaker);

    /// <summary>XOR-MAPPED-ADDRESS (RFC 8489 §14.2), IPv4 or IPv6.</summary>
    public bool TryGetXorMappedAddress(out StunAddress address)
    {
        address = default;
        return TryGetAttribute(StunAttributeType.XorMappedAddress, out var value)
            && StunAddress.TryDecode(value, xor: true, TransactionId, out address);
    }

    /// <summary>MAPPED-ADDRESS (RFC 8489 §14.1), kept for old servers.</summary>
    public bool TryGetMappedAddress(out StunAddress address)
    {
        address = default;
        return TryGetAttribute(StunAttributeType.MappedAddress, out var value)
            && StunAddress.TryDecode(value, xor: false, default, out address);
    }

    /// <summary>ERROR-CODE (RFC 8489 §14.8): a code from 300 to 699 and its reason phrase.</summary>
    public bool TryGetErrorCode(out int code, out ReadOnlySpan<byte> reason)
    {
        code = 0;
        reason = default;
        if (!TryGetAttribute(StunAttributeType.ErrorCode, out var value) || value.Length < StunErrorCodes.ReasonOffset)
        {
            return false;
        }

        var errorClass = value[StunErrorCodes.ClassOffset] & 0x07;
        var number = value[StunErrorCodes.NumberOffset];
        if (errorClass is < 3 or > 6 || number > 99)
        {
            return false;
        }

        code = (errorClass * 100) + number;
        reason = value[StunErrorCodes.ReasonOffset..];
        return true;
    }

    private bool TryGetTieBreaker(StunAttributeType type, out ulong tieBreaker)
    {
        tieBreaker = 0;
        if (!TryGetAttribute(type, out var value) || value.Length != TieBreakerLength)
        {
            return false;
        }

        tieBreaker = BinaryPrimitives.ReadUInt64BigEndian(value);
        return true;
    }
}
