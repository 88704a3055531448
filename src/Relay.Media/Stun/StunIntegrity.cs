using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Relay.Media.Stun;

/// <summary>
/// The MESSAGE-INTEGRITY and FINGERPRINT computations shared by <see cref="StunMessage"/>
/// (verification) and <see cref="StunWriter"/> (generation). Stateless and thread-safe.
/// </summary>
internal static class StunIntegrity
{
    /// <summary>
    /// HMAC-SHA1 over <paramref name="prefix"/>: the message up to, not including, the
    /// MESSAGE-INTEGRITY attribute, whose header length field must already point to the end of
    /// that attribute (RFC 8489 §14.5). For short-term credentials, the key is the password as
    /// UTF-8 (§9.1.1; ICE passwords are ASCII, so OpaqueString changes nothing).
    /// </summary>
    public static void ComputeMessageIntegrity(ReadOnlySpan<byte> key, ReadOnlySpan<byte> prefix, Span<byte> destination)
    {
        // HMAC-SHA1 is what MESSAGE-INTEGRITY is, and what browsers send and check; HMAC does not
        // rely on SHA-1's collision resistance. (MESSAGE-INTEGRITY-SHA256 is not used by WebRTC.)
#pragma warning disable CA5350 // Protocol-mandated algorithm (RFC 8489 §14.5).
        HMACSHA1.HashData(key, prefix, destination);
#pragma warning restore CA5350
    }

    /// <summary>
    /// CRC-32 of <paramref name="prefix"/> (the message up to, not including, FINGERPRINT, with a
    /// length field that counts FINGERPRINT) XOR 0x5354554e (RFC 8489 §14.7).
    /// </summary>
    public static uint ComputeFingerprint(ReadOnlySpan<byte> prefix) => Crc32.Compute(prefix) ^ StunHeader.FingerprintXor;

    /// <summary>Rewrites the header length so the message appears to end at <paramref name="end"/>.</summary>
    public static void SetMessageEnd(Span<byte> message, int end) =>
        BinaryPrimitives.WriteUInt16BigEndian(message[StunHeader.LengthOffset..], (ushort)(end - StunHeader.Size));
}
