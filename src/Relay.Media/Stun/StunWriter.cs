using System.Buffers.Binary;

namespace Relay.Media.Stun;

/// <summary>
/// Appends a STUN message to a destination the caller has sized with the message writers'
/// <c>GetSize</c>; a too-small destination is a bug and throws. Keeps the header length current
/// after every attribute, which is what MESSAGE-INTEGRITY and FINGERPRINT must hash over.
/// </summary>
internal ref struct StunWriter
{
    /// <summary>
    /// The longest variable-length value the writers accept. A sender's USERNAME must be fewer
    /// than 509 bytes (RFC 8489 §14.3), and SOFTWARE and the reason phrase at most 509 bytes when
    /// encoding (§14.8, §14.14); one cap satisfies all three. Readers accept longer values, as
    /// those sections allow on decoding.
    /// </summary>
    public const int MaxTextLength = 508;

    private readonly Span<byte> _buffer;
    private readonly byte _paddingByte;

    public static int FingerprintSize => StunHeader.AttributeSize(StunHeader.FingerprintLength);

    /// <summary>Writes the header of a message with no attributes yet.</summary>
    /// <exception cref="ArgumentException">The transaction id is not 12 bytes.</exception>
    public StunWriter(Span<byte> destination, ushort messageType, scoped ReadOnlySpan<byte> transactionId, byte paddingByte)
    {
        if (transactionId.Length != StunTransactionId.Length)
        {
            throw new ArgumentException("A STUN transaction id is 12 bytes.", nameof(transactionId));
        }

        _buffer = destination;
        _paddingByte = paddingByte;
        BinaryPrimitives.WriteUInt16BigEndian(destination[StunHeader.TypeOffset..], messageType);
        BinaryPrimitives.WriteUInt32BigEndian(destination[StunHeader.CookieOffset..], StunHeader.MagicCookie);
        transactionId.CopyTo(destination.Slice(StunHeader.TransactionIdOffset, StunTransactionId.Length));
        Length = StunHeader.Size;
        StunIntegrity.SetMessageEnd(destination, Length);
    }

    /// <summary>Bytes written so far: the message as it stands.</summary>
    public int Length { get; private set; }

    /// <summary>Size of an attribute that is written only when <paramref name="value"/> is not empty.</summary>
    public static int OptionalSize(ReadOnlySpan<byte> value) => value.IsEmpty ? 0 : StunHeader.AttributeSize(value.Length);

    /// <summary>Size of MESSAGE-INTEGRITY, written only when there is a key.</summary>
    public static int IntegritySize(ReadOnlySpan<byte> key) =>
        key.IsEmpty ? 0 : StunHeader.AttributeSize(StunHeader.MessageIntegrityLength);

    /// <summary>Guards the init accessors of the message writers.</summary>
    public static ReadOnlySpan<byte> CheckTextLength(ReadOnlySpan<byte> value, string paramName) =>
        value.Length <= MaxTextLength ? value : throw new ArgumentException($"At most {MaxTextLength} bytes.", paramName);

    public void WriteAttribute(StunAttributeType type, scoped ReadOnlySpan<byte> value) =>
        value.CopyTo(Append(type, value.Length));

    public void WriteUInt32(StunAttributeType type, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(Append(type, sizeof(uint)), value);

    public void WriteUInt64(StunAttributeType type, ulong value) =>
        BinaryPrimitives.WriteUInt64BigEndian(Append(type, sizeof(ulong)), value);

    public void WriteXorAddress(StunAttributeType type, StunAddress address, scoped ReadOnlySpan<byte> transactionId) =>
        address.Encode(Append(type, address.EncodedLength), xor: true, transactionId);

    /// <summary>ERROR-CODE (RFC 8489 §14.8): class = hundreds digit, number = the rest.</summary>
    public void WriteErrorCode(int code, scoped ReadOnlySpan<byte> reason)
    {
        var value = Append(StunAttributeType.ErrorCode, StunErrorCodes.ReasonOffset + reason.Length);
        value[..StunErrorCodes.ClassOffset].Clear();
        value[StunErrorCodes.ClassOffset] = (byte)(code / 100);
        value[StunErrorCodes.NumberOffset] = (byte)(code % 100);
        reason.CopyTo(value[StunErrorCodes.ReasonOffset..]);
    }

    /// <summary>
    /// MESSAGE-INTEGRITY over everything written so far (RFC 8489 §14.5): the header length is
    /// set to end at this attribute before hashing, which <see cref="Append"/> has done.
    /// </summary>
    public void WriteMessageIntegrity(scoped ReadOnlySpan<byte> key)
    {
        var covered = Length;
        var value = Append(StunAttributeType.MessageIntegrity, StunHeader.MessageIntegrityLength);
        StunIntegrity.ComputeMessageIntegrity(key, _buffer[..covered], value);
    }

    /// <summary>FINGERPRINT, which must be the last attribute (RFC 8489 §14.7).</summary>
    public void WriteFingerprint()
    {
        var covered = Length;
        var value = Append(StunAttributeType.Fingerprint, StunHeader.FingerprintLength);
        BinaryPrimitives.WriteUInt32BigEndian(value, StunIntegrity.ComputeFingerprint(_buffer[..covered]));
    }

    // Writes an attribute header and padding, advances, updates the header length and returns
    // the value bytes for the caller to fill.
    private Span<byte> Append(StunAttributeType type, int valueLength)
    {
        var attribute = _buffer.Slice(Length, StunHeader.AttributeSize(valueLength));
        BinaryPrimitives.WriteUInt16BigEndian(attribute[StunHeader.AttributeTypeOffset..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[StunHeader.AttributeLengthOffset..], (ushort)valueLength);
        attribute[(StunHeader.AttributeHeaderSize + valueLength)..].Fill(_paddingByte);
        Length += attribute.Length;
        StunIntegrity.SetMessageEnd(_buffer, Length);
        return attribute.Slice(StunHeader.AttributeHeaderSize, valueLength);
    }
}
