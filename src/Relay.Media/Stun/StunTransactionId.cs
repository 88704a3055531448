using System.Security.Cryptography;

namespace Relay.Media.Stun;

/// <summary>The 96-bit transaction id of RFC 8489 §5.</summary>
public static class StunTransactionId
{
    public const int Length = 12;

    /// <summary>
    /// Fills <paramref name="destination"/> (12 bytes) from a cryptographic generator: the id
    /// must be uniformly random so an off-path attacker cannot forge responses (RFC 8489 §5).
    /// </summary>
    public static void Generate(Span<byte> destination) => RandomNumberGenerator.Fill(destination[..Length]);
}
