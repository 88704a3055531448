namespace Relay.Media.Stun;

/// <summary>
/// A Binding request, as the controlling (browser-side) agent sends a connectivity check
/// (RFC 8445 §7.2.2): [SOFTWARE], [PRIORITY], [ICE-CONTROLLED], [ICE-CONTROLLING],
/// [USE-CANDIDATE], [USERNAME], [MESSAGE-INTEGRITY], FINGERPRINT. The server never sends one
/// (it is ICE-lite); the client peer of the tests and the load generator do.
/// </summary>
public readonly ref struct StunBindingRequest
{
    private const int UseCandidateLength = 0;

    private readonly ReadOnlySpan<byte> _username;
    private readonly ReadOnlySpan<byte> _software;

    /// <param name="transactionId">12 random bytes; see <see cref="StunTransactionId.Generate"/>.</param>
    public StunBindingRequest(ReadOnlySpan<byte> transactionId)
    {
        TransactionId = transactionId;
    }

    public ReadOnlySpan<byte> TransactionId { get; }

    /// <summary>USERNAME, for ICE "receiverUfrag:senderUfrag" (see <see cref="IceUsername"/>); empty omits it.</summary>
    public ReadOnlySpan<byte> Username
    {
        get => _username;
        init => _username = StunWriter.CheckTextLength(value, nameof(Username));
    }

    /// <summary>The peer's password as UTF-8 (RFC 8445 §7.2.2); empty omits MESSAGE-INTEGRITY.</summary>
    public ReadOnlySpan<byte> IntegrityKey { get; init; }

    /// <summary>PRIORITY (RFC 8445 §7.1.1).</summary>
    public uint? Priority { get; init; }

    /// <summary>ICE-CONTROLLING with this tie-breaker (RFC 8445 §7.1.3).</summary>
    public ulong? IceControlling { get; init; }

    /// <summary>ICE-CONTROLLED with this tie-breaker (RFC 8445 §7.1.3).</summary>
    public ulong? IceControlled { get; init; }

    /// <summary>USE-CANDIDATE: nominate this pair (RFC 8445 §7.1.2).</summary>
    public bool UseCandidate { get; init; }

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
        + (Priority.HasValue ? StunHeader.AttributeSize(sizeof(uint)) : 0)
        + (IceControlled.HasValue ? StunHeader.AttributeSize(sizeof(ulong)) : 0)
        + (IceControlling.HasValue ? StunHeader.AttributeSize(sizeof(ulong)) : 0)
        + (UseCandidate ? StunHeader.AttributeSize(UseCandidateLength) : 0)
        + StunWriter.OptionalSize(Username)
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

        var type = StunMessageType.Compose(StunMethod.Binding, StunClass.Request);
        var writer = new StunWriter(destination, type, TransactionId, PaddingByte);
        if (!Software.IsEmpty)
        {
            writer.WriteAttribute(StunAttributeType.Software, Software);
        }

        if (Priority is { } priority)
        {
            writer.WriteUInt32(StunAttributeType.Priority, priority);
        }

        if (IceControlled is { } controlled)
        {
            writer.WriteUInt64(StunAttributeType.IceControlled, controlled);
        }

        if (IceControlling is { } controlling)
        {
            writer.WriteUInt64(StunAttributeType.IceControlling, controlling);
        }

        if (UseCandidate)
        {
            writer.WriteAttribute(StunAttributeType.UseCandidate, []);
        }

        if (!Username.IsEmpty)
        {
            writer.WriteAttribute(StunAttributeType.Username, Username);
        }

        if (!IntegrityKey.IsEmpty)
        {
            writer.WriteMessageIntegrity(IntegrityKey);
        }

        writer.WriteFingerprint();
        written = writer.Length;
        return true;
    }
}
