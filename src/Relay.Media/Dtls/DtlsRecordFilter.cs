using System.Buffers.Binary;
using Org.BouncyCastle.Tls;

namespace Relay.Media.Dtls;

/// <summary>
/// Drops datagrams holding an encrypted record too short to carry its cipher's nonce and tag.
/// RFC 6347 §4.1.2.7 says invalid records are silently discarded, but BouncyCastle answers such
/// a record with a fatal decode_error alert and ends the association, so one spoofed datagram
/// from the peer's address would end the browser's call. Records it does discard (a bad tag, an
/// unknown type, stray epoch-0 fragments) are left to it. Stateless and thread-safe.
/// </summary>
internal static class DtlsRecordFilter
{
    /// <summary>RFC 6347 §4.1: type (1), version (2), epoch (2), sequence number (6), length (2).</summary>
    private const int HeaderLength = 13;

    private const int EpochOffset = 3;
    private const int LengthOffset = 11;

    /// <summary>Every suite we allow is an AEAD with a 16-byte tag: the floor before one is chosen.</summary>
    internal const int MinAeadRecordLength = 16;

    /// <summary>AES-GCM records carry an 8-byte explicit nonce before the tag (RFC 5288 §3).</summary>
    private const int GcmExplicitNonceLength = 8;

    /// <summary>The shortest valid encrypted record under <paramref name="cipherSuite"/>.</summary>
    internal static int MinEncryptedRecordLength(int cipherSuite) => TlsUtilities.GetEncryptionAlgorithm(cipherSuite) switch
    {
        EncryptionAlgorithm.AES_128_GCM or EncryptionAlgorithm.AES_256_GCM => GcmExplicitNonceLength + MinAeadRecordLength,
        // ChaCha20-Poly1305 has an implicit nonce (RFC 7905 §2).
        _ => MinAeadRecordLength,
    };

    /// <summary>True when a record of a non-zero epoch (encrypted) is shorter than <paramref name="minEncryptedLength"/>.</summary>
    internal static bool HasTruncatedEncryptedRecord(ReadOnlySpan<byte> datagram, int minEncryptedLength)
    {
        while (datagram.Length >= HeaderLength)
        {
            var epoch = BinaryPrimitives.ReadUInt16BigEndian(datagram[EpochOffset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[LengthOffset..]);
            if (epoch != 0 && length < minEncryptedLength)
            {
                return true;
            }

            if (length > datagram.Length - HeaderLength)
            {
                // A record running past the datagram's end: BouncyCastle discards it.
                return false;
            }

            datagram = datagram[(HeaderLength + length)..];
        }

        return false;
    }
}
