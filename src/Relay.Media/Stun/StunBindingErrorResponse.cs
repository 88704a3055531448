namespace Relay.Media.Stun;

/// <summary>
/// A Binding error response (RFC 8489 §6.3): [SOFTWARE], ERROR-CODE, [MESSAGE-INTEGRITY],
/// FINGERPRINT. Write with <see cref="GetSize"/> and <see cref="TryWriteTo"/>; writing allocates nothing.
/// </summary>
/// <remarks>
/// Leave <see cref="IntegrityKey"/> empty for 400 and 401: a request that failed authentication
/// gives no key the client would accept (RFC 8489 §9.1.3). A 487 answers an authenticated
/// request and is signed with the same key (RFC 8445 §7.3.1.1).
/// </remarks>
public readonly ref struct StunBindingErrorResponse
{
    private const int MinErrorCode = 300;
    private const int MaxErrorCode = 699;

    private readonly ReadOnlySpan<byte> _reason;
    private readonly ReadOnlySpan<byte> _software;

    /// <param name="transactionId">The request's 12-byte transaction id.</param>
    /// <param name="code">An error code from 300 to 699.</param>
    public StunBindingErrorResponse(ReadOnlySpan<byte> transactionId, StunErrorCode code)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan((int)code, MinErrorCode, nameof(code));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((int)code, MaxErrorCode, nameof(code));
        TransactionId = transactionId;
        Code = code;
        _reason = StunErrorCodes.DefaultReason(code);
    }

    public ReadOnlySpan<byte> TransactionId { get; }

    public StunErrorCode Code { get; }

    /// <summary>UTF-8 reason phrase; defaults to <see cref="StunErrorCodes.DefaultReason"/>.</summary>
    public ReadOnlySpan<byte> Reason
    {
        get => _reason;
        init => _reason = StunWriter.CheckTextLength(value, nameof(Reason));
    }

    /// <summary>Signs the response when not empty; see the remarks.</summary>
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
        + StunHeader.AttributeSize(StunErrorCodes.ReasonOffset + Reason.Length)
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

        var type = StunMessageType.Compose(StunMethod.Binding, StunClass.ErrorResponse);
        var writer = new StunWriter(destination, type, TransactionId, PaddingByte);
        if (!Software.IsEmpty)
        {
            writer.WriteAttribute(StunAttributeType.Software, Software);
        }

        writer.WriteErrorCode((int)Code, Reason);
        if (!IntegrityKey.IsEmpty)
        {
            writer.WriteMessageIntegrity(IntegrityKey);
        }

        writer.WriteFingerprint();
        written = writer.Length;
        return true;
    }
}
