using System.Buffers;
using System.Security.Cryptography;

namespace Relay.Media.Stun;

/// <summary>
/// The MESSAGE-INTEGRITY key of the long-term credential mechanism (RFC 8489 §9.2.2):
/// MD5(username ":" realm ":" password). ICE uses short-term credentials, whose key is simply the
/// password; this exists for TURN-style peers and for the RFC 5769 §2.4 vector.
/// </summary>
/// <remarks>
/// The inputs must already be processed as RFC 8489 requires (OpaqueString for username and
/// password, SASLprep for the realm); that processing is not done here.
/// </remarks>
public static class StunLongTermCredential
{
    public const int KeyLength = 16;

    /// <summary>Writes the 16-byte key to <paramref name="destination"/>.</summary>
    public static void DeriveKey(ReadOnlySpan<byte> username, ReadOnlySpan<byte> realm, ReadOnlySpan<byte> password, Span<byte> destination)
    {
        var length = username.Length + 1 + realm.Length + 1 + password.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        var input = rented.AsSpan(0, length);
        try
        {
            username.CopyTo(input);
            input[username.Length] = (byte)':';
            realm.CopyTo(input[(username.Length + 1)..]);
            input[username.Length + 1 + realm.Length] = (byte)':';
            password.CopyTo(input[(username.Length + realm.Length + 2)..]);
#pragma warning disable CA5351 // Protocol-mandated algorithm (RFC 8489 §9.2.2, password algorithm MD5).
            MD5.HashData(input, destination);
#pragma warning restore CA5351
        }
        finally
        {
            // The buffer held the password; do not hand it back to the pool readable.
            CryptographicOperations.ZeroMemory(input);
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
