using System.Buffers.Binary;

namespace Relay.Media.Stun;

/// <summary>
/// A read-only view of one STUN message (RFC 8489) in a caller-owned buffer. Parsing checks the
/// framing only: the header, the attribute TLVs, and the fixed lengths of MESSAGE-INTEGRITY and
/// FINGERPRINT. Authenticity is a separate step (<see cref="VerifyMessageIntegrity"/>,
/// <see cref="VerifyFingerprint"/>) that the caller must take before acting on the content.
/// </summary>
/// <remarks>
/// <para>Holds no copy: valid only while the buffer is unchanged. Nothing here allocates or
/// throws on malformed input.</para>
/// <para>An ICE-lite agent answering a check goes: <see cref="TryParse(ReadOnlySpan{byte}, out StunMessage)"/>,
/// <see cref="VerifyFingerprint"/> (is it STUN at all, RFC 8489 §14.7), USERNAME → leg and password
/// (<see cref="IceUsername"/>), <see cref="VerifyMessageIntegrity"/>, and only then reads PRIORITY,
/// USE-CANDIDATE or the role attributes, or binds the source address.</para>
/// </remarks>
public readonly ref partial struct StunMessage
{
    private const int NotPresent = -1;

    private readonly ReadOnlySpan<byte> _message;

    // Offsets of the first MESSAGE-INTEGRITY and of FINGERPRINT attribute headers, or NotPresent.
    private readonly int _integrityOffset;
    private readonly int _fingerprintOffset;

    private StunMessage(ReadOnlySpan<byte> message, int integrityOffset, int fingerprintOffset)
    {
        _message = message;
        _integrityOffset = integrityOffset;
        _fingerprintOffset = fingerprintOffset;
    }

    /// <summary>The whole message, header included.</summary>
    public ReadOnlySpan<byte> Bytes => _message;

    /// <summary>The 14-bit message type as on the wire; see <see cref="StunMessageType"/>.</summary>
    public ushort MessageType => BinaryPrimitives.ReadUInt16BigEndian(_message[StunHeader.TypeOffset..]);

    public StunMethod Method => StunMessageType.GetMethod(MessageType);

    public StunClass Class => StunMessageType.GetClass(MessageType);

    /// <summary>The 96-bit transaction id (RFC 8489 §5).</summary>
    public ReadOnlySpan<byte> TransactionId => _message.Slice(StunHeader.TransactionIdOffset, StunTransactionId.Length);

    public bool HasMessageIntegrity => _integrityOffset != NotPresent;

    public bool HasFingerprint => _fingerprintOffset != NotPresent;

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out StunMessage, out StunParseError)"/>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out StunMessage message) =>
        TryParse(datagram, out message, out _);

    /// <summary>
    /// Parses <paramref name="datagram"/>, which must hold exactly one STUN message: a UDP
    /// datagram carries one, and ICE-TCP (RFC 4571) frames one. On failure,
    /// <paramref name="error"/> says why, for metrics.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out StunMessage message, out StunParseError error)
    {
        message = default;
        error = Validate(datagram, out var integrityOffset, out var fingerprintOffset);
        if (error != StunParseError.None)
        {
            return false;
        }

        message = new StunMessage(datagram, integrityOffset, fingerprintOffset);
        return true;
    }

    /// <summary>
    /// The attributes that count, in wire order: every attribute up to and including the first
    /// MESSAGE-INTEGRITY, then FINGERPRINT. Others after MESSAGE-INTEGRITY are skipped, as
    /// RFC 8489 §14.5 requires, because they are not covered by the HMAC.
    /// </summary>
    public StunAttributeEnumerator GetAttributes() => new(_message, _integrityOffset);

    /// <summary>The value of the first counted attribute of <paramref name="type"/>
    /// (RFC 8489 §14: only the first occurrence needs to be processed).</summary>
    public bool TryGetAttribute(StunAttributeType type, out ReadOnlySpan<byte> value)
    {
        foreach (var attribute in GetAttributes())
        {
            if (attribute.Type == type)
            {
                value = attribute.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static StunParseError Validate(ReadOnlySpan<byte> datagram, out int integrityOffset, out int fingerprintOffset)
    {
        integrityOffset = NotPresent;
        fingerprintOffset = NotPresent;
        if (datagram.Length < StunHeader.Size)
        {
            return StunParseError.TooShort;
        }

        // The top two bits keep STUN apart from RTP, whose version bits are 10 (RFC 8489 §5).
        if ((datagram[StunHeader.TypeOffset] & 0xC0) != 0)
        {
            return StunParseError.NotStun;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(datagram[StunHeader.CookieOffset..]) != StunHeader.MagicCookie)
        {
            return StunParseError.BadMagicCookie;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[StunHeader.LengthOffset..]);
        if (length % 4 != 0)
        {
            return StunParseError.LengthNotMultipleOf4;
        }

        if (StunHeader.Size + length != datagram.Length)
        {
            return StunParseError.LengthMismatch;
        }

        var offset = StunHeader.Size;
        while (offset < datagram.Length)
        {
            if (fingerprintOffset != NotPresent)
            {
                return StunParseError.AttributeAfterFingerprint;
            }

            // The total is a multiple of 4 and so is every offset, so a header always fits;
            // the value, padded, must fit too.
            var type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + StunHeader.AttributeTypeOffset)..]);
            var valueLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + StunHeader.AttributeLengthOffset)..]);
            if (StunHeader.AttributeSize(valueLength) > datagram.Length - offset)
            {
                return StunParseError.AttributeOverrun;
            }

            switch (type)
            {
                case StunAttributeType.MessageIntegrity when integrityOffset == NotPresent:
                    if (valueLength != StunHeader.MessageIntegrityLength)
                    {
                        return StunParseError.BadMessageIntegrityLength;
                    }

                    integrityOffset = offset;
                    break;
                case StunAttributeType.Fingerprint:
                    if (valueLength != StunHeader.FingerprintLength)
                    {
                        return StunParseError.BadFingerprintLength;
                    }

                    fingerprintOffset = offset;
                    break;
            }

            offset += StunHeader.AttributeSize(valueLength);
        }

        return StunParseError.None;
    }
}
