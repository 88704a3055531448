using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Relay.Media.Dtls;

/// <summary>
/// A certificate fingerprint as carried by the SDP <c>a=fingerprint</c> attribute
/// (RFC 8122 §5): a hash function name and the hash of the DER certificate. Only sha-256 is
/// accepted; every browser uses it and RFC 8122 §5 deprecates weaker hashes.
/// </summary>
public sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    /// <summary>The only supported hash function, as spelled in SDP.</summary>
    public const string Sha256 = "sha-256";

    private const int Sha256Length = 32;

    private readonly byte[] _hash;

    private DtlsFingerprint(byte[] hash) => _hash = hash;

    /// <summary>The hash function name, always <see cref="Sha256"/>.</summary>
    public string Algorithm { get; } = Sha256;

    /// <summary>The 32-byte SHA-256 hash of the DER certificate.</summary>
    public ReadOnlySpan<byte> Hash => _hash;

    /// <summary>The fingerprint of a DER-encoded certificate.</summary>
    public static DtlsFingerprint FromCertificate(ReadOnlySpan<byte> certificateDer) =>
        new(SHA256.HashData(certificateDer));

    /// <summary>
    /// Parses the value of an <c>a=fingerprint</c> attribute, e.g. <c>sha-256 AB:CD:...</c>.
    /// The hash name is case-insensitive and hex digits may be lower case (RFC 8122 §5 asks
    /// for upper case, but lenient parsing costs nothing here).
    /// </summary>
    /// <exception cref="FormatException">The value is malformed or not sha-256; the message says why.</exception>
    public static DtlsFingerprint Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var fingerprint, out var error) ? fingerprint : throw new FormatException(error);
    }

    /// <summary>Parses like <see cref="Parse"/>, returning a readable reason instead of throwing.</summary>
    public static bool TryParse(
        string? value, [NotNullWhen(true)] out DtlsFingerprint? fingerprint, [NotNullWhen(false)] out string? error)
    {
        fingerprint = null;
        var text = (value ?? string.Empty).AsSpan().Trim();
        var space = text.IndexOf(' ');
        if (space <= 0)
        {
            error = "A DTLS fingerprint must look like 'sha-256 AB:CD:...'.";
            return false;
        }

        var algorithm = text[..space];
        if (!algorithm.Equals(Sha256, StringComparison.OrdinalIgnoreCase))
        {
            error = $"DTLS fingerprint hash '{algorithm}' is not supported; only {Sha256} is accepted.";
            return false;
        }

        var hex = text[(space + 1)..].Trim();
        // Each byte is two hex digits, bytes are separated by single colons: 32*3-1 characters.
        if (hex.Length != (Sha256Length * 3) - 1)
        {
            error = $"A {Sha256} fingerprint must be {Sha256Length} colon-separated hex bytes.";
            return false;
        }

        var hash = new byte[Sha256Length];
        for (var i = 0; i < Sha256Length; i++)
        {
            var offset = i * 3;
            if ((i > 0 && hex[offset - 1] != ':')
                || !TryHexDigit(hex[offset], out var high)
                || !TryHexDigit(hex[offset + 1], out var low))
            {
                error = $"A {Sha256} fingerprint must be {Sha256Length} colon-separated hex bytes; byte {i + 1} is malformed.";
                return false;
            }

            hash[i] = (byte)((high << 4) | low);
        }

        fingerprint = new DtlsFingerprint(hash);
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="certificateDer"/> hashes to this fingerprint (constant time).</summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer)
    {
        Span<byte> actual = stackalloc byte[Sha256Length];
        SHA256.HashData(certificateDer, actual);
        return CryptographicOperations.FixedTimeEquals(actual, _hash);
    }

    /// <summary>The SDP attribute value: <c>sha-256</c>, a space, upper-case hex bytes joined by colons.</summary>
    public string ToSdpValue() => string.Create(Sha256.Length + (Sha256Length * 3), _hash, static (chars, hash) =>
    {
        Sha256.AsSpan().CopyTo(chars);
        chars[Sha256.Length] = ' ';
        var hex = chars[(Sha256.Length + 1)..];
        for (var i = 0; i < hash.Length; i++)
        {
            if (i > 0)
            {
                hex[(i * 3) - 1] = ':';
            }

            hash[i].TryFormat(hex[(i * 3)..], out _, "X2", CultureInfo.InvariantCulture);
        }
    });

    /// <inheritdoc/>
    public override string ToString() => ToSdpValue();

    /// <inheritdoc/>
    public bool Equals(DtlsFingerprint? other) => other is not null && _hash.AsSpan().SequenceEqual(other._hash);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_hash, 0);

    private static bool TryHexDigit(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
