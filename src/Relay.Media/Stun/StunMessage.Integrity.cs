using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Relay.Media.Stun;

// Verification of MESSAGE-INTEGRITY (RFC 8489 §14.5) and FINGERPRINT (§14.7).
public readonly ref partial struct StunMessage
{
    // STUN requests from browsers are ~100 bytes; larger ones (possible over ICE-TCP) borrow
    // from the shared pool instead of the stack.
    private const int StackCopyLimit = 512;

    /// <summary>
    /// True when the message carries MESSAGE-INTEGRITY and its HMAC-SHA1 under
    /// <paramref name="key"/> matches. The HMAC covers the message up to the attribute, with the
    /// header length adjusted to end at the attribute (RFC 8489 §14.5), so a FINGERPRINT that
    /// follows does not change it. The comparison takes constant time.
    /// </summary>
    /// <param name="key">For short-term credentials (ICE), the password as UTF-8 (§9.1.1).</param>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key)
    {
        if (!HasMessageIntegrity)
        {
            return false;
        }

        var integrityEnd = _integrityOffset + StunHeader.AttributeSize(StunHeader.MessageIntegrityLength);
        var received = _message.Slice(_integrityOffset + StunHeader.AttributeHeaderSize, StunHeader.MessageIntegrityLength);
        Span<byte> computed = stackalloc byte[StunHeader.MessageIntegrityLength];

        if (integrityEnd == _message.Length)
        {
            // Nothing follows: the length field already ends at MESSAGE-INTEGRITY.
            StunIntegrity.ComputeMessageIntegrity(key, _message[.._integrityOffset], computed);
        }
        else
        {
            // The received bytes are read-only, so the covered part is copied and its length
            // field rewritten.
            byte[]? rented = null;
            Span<byte> copy = _integrityOffset <= StackCopyLimit
                ? stackalloc byte[StackCopyLimit]
                : (rented = ArrayPool<byte>.Shared.Rent(_integrityOffset));
            try
            {
                var covered = copy[.._integrityOffset];
                _message[.._integrityOffset].CopyTo(covered);
                StunIntegrity.SetMessageEnd(covered, integrityEnd);
                StunIntegrity.ComputeMessageIntegrity(key, covered, computed);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        return CryptographicOperations.FixedTimeEquals(computed, received);
    }

    /// <summary>
    /// True when the message carries FINGERPRINT and it equals CRC-32 of the message before it,
    /// XOR 0x5354554e (RFC 8489 §14.7). FINGERPRINT is last (parsing enforces it), so the header
    /// length already counts it and the CRC runs over the received bytes as they are.
    /// </summary>
    public bool VerifyFingerprint()
    {
        if (!HasFingerprint)
        {
            return false;
        }

        Span<byte> computed = stackalloc byte[StunHeader.FingerprintLength];
        BinaryPrimitives.WriteUInt32BigEndian(computed, StunIntegrity.ComputeFingerprint(_message[.._fingerprintOffset]));
        var received = _message.Slice(_fingerprintOffset + StunHeader.AttributeHeaderSize, StunHeader.FingerprintLength);
        return CryptographicOperations.FixedTimeEquals(computed, received);
    }
}
