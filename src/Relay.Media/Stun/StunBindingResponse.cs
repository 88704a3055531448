namespace Relay.Media.Stun;

/// <summary>
/// A Binding success response, as an ICE-lite agent answers a connectivity check
/// (RFC 8445 §7.3, RFC 8489 §6.3): [SOFTWARE], XOR-MAPPED-ADDRESS, [MESSAGE-INTEGRITY],
/// FINGERPRINT. Write with <see cref="GetSize"/> and <see cref="TryWriteTo"/>; writing allocates nothing.
/// </summary>
public readonly ref struct StunBindingResponse
{
    private readonly ReadOnlySpan<byte> _software;

    /// <param name="transactionId">The request's 12-byte transaction id.</param>
    /// <param name="mappedAddress">The source address the request came from.</param>
    public StunBindingResponse(ReadOnlySpan<byte> transactionId, StunAddress mappedAddress)
    {
        TransactionId = transactionId;
        MappedAddress = mappedAddress;
    }

    public ReadOnlySpan<byte> TransactionId { get; }

    public StunAddress MappedAddress { get; }

    /// <summary>The key the request verified with (for ICE, our password as UTF-8); empty
    /// omits MESSAGE-INTEGRITY, which only a non-ICE STUN server does.</summary>
    public ReadOnlySpan<byte> IntegrityKey { get; init; }

    /// <summary>Optional SOFTWARE, UTF-8, at most 508 bytes.</summary>
    public ReadOnlySpan<byte> Software
    {
        get => _software;
        init => _software = StunWriter.CheckTextLength(value, nameof(Software));
    }

    /// <summary>Fills attribute padding; any value is allowed (RFC 8489 §14). Zero by default.</summary>
    public byte PaddingByte { get; init; }

    public int GetSize() =>
        StunHeader.Size
        + StunWriter.OptionalSize(Software)
        + StunHeader.AttributeSize(MappedAddress.EncodedLength)
        + StunWriter.IntegritySize(IntegrityKey)
        + StunWriter.FingerprintSize;

    /// <summary>False, with nothing written, when <paramref name="destination"/> is shorter than <see cref="GetSize"/>.</summary>
    /// <exception cref="ArgumentException">The transaction id is not 12 bytes.</exception>
    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < GetSize())
        {
            return false;
        }

        var type = StunMessageType.Compose(StunMethod.Binding, StunClass.SuccessResponse);
        var writer = new StunWriter(destination, type, TransactionId, PaddingByte);
        if (!Software.IsEmpty)
        {
            writer.WriteAttribute(StunAttributeType.Software, Software);
        }

        writer.WriteXorAddress(StunAttributeType.XorMappedAddress, MappedAddress, TransactionId);
        if (!IntegrityKey.IsEmpty)
        {
            writer.WriteMessageIntegrity(IntegrityKey);
        }

        writer.WriteFingerprint();
        written = writer.Length;
        return true;
    }
}
