namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=fingerprint:&lt;hash function&gt; &lt;hex bytes separated by colons&gt;</c>, RFC 8122 §5:
/// the hash of the certificate the peer will present in the DTLS handshake.
/// </summary>
public sealed class DtlsFingerprint
{
    private readonly byte[] _hash;

    public DtlsFingerprint(string algorithm, ReadOnlySpan<byte> hash)
    {
        Algorithm = algorithm.ToLowerInvariant();
        _hash = hash.ToArray();
    }

    /// <summary>The hash function name in lower case, e.g. <c>sha-256</c> (RFC 8122 §5 names are case-insensitive).</summary>
    public string Algorithm { get; }

    public ReadOnlySpan<byte> Hash => _hash;

    public static bool TryParse(string? value, out DtlsFingerprint? result, out string? error)
    {
        result = null;
        var space = value is null ? -1 : value.IndexOf(' ', StringComparison.Ordinal);
        if (value is null || space <= 0)
        {
            error = "fingerprint needs \"<hash function> <hex bytes>\"";
            return false;
        }

        var algorithm = value[..space];
        var hex = value.AsSpan(space + 1);
        // Each byte is two hex digits, joined by colons: 3n-1 characters (RFC 8122 §5).
        if (hex.Length < 2 || (hex.Length + 1) % 3 != 0)
        {
            error = "fingerprint bytes must be hex pairs separated by colons";
            return false;
        }

        var hash = new byte[(hex.Length + 1) / 3];
        for (var i = 0; i < hash.Length; i++)
        {
            var pair = hex.Slice(i * 3, 2);
            var separatorMissing = (i * 3) + 2 < hex.Length && hex[(i * 3) + 2] != ':';
            if (separatorMissing || !char.IsAsciiHexDigit(pair[0]) || !char.IsAsciiHexDigit(pair[1]))
            {
                error = "fingerprint bytes must be hex pairs separated by colons";
                return false;
            }

            hash[i] = (byte)((HexValue(pair[0]) << 4) | HexValue(pair[1]));
        }

        var expectedLength = ExpectedLength(algorithm);
        if (expectedLength != 0 && expectedLength != hash.Length)
        {
            error = $"fingerprint has {hash.Length} bytes but {algorithm} gives {expectedLength}";
            return false;
        }

        result = new DtlsFingerprint(algorithm, hash);
        error = null;
        return true;
    }

    /// <summary>Upper-case hex with colons, as browsers write it.</summary>
    public override string ToString()
    {
        var hex = Convert.ToHexString(_hash);
        var text = new System.Text.StringBuilder(Algorithm.Length + 1 + (_hash.Length * 3));
        text.Append(Algorithm).Append(' ');
        for (var i = 0; i < hex.Length; i += 2)
        {
            if (i > 0)
            {
                text.Append(':');
            }

            text.Append(hex, i, 2);
        }

        return text.ToString();
    }

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.Fingerprint, ToString());

    /// <summary>Digest lengths of the hash functions in the RFC 8122 §5 registry; 0 when unknown.</summary>
    private static int ExpectedLength(string algorithm) => algorithm.ToLowerInvariant() switch
    {
        "sha-1" => 20,
        "sha-224" => 28,
        "sha-256" => 32,
        "sha-384" => 48,
        "sha-512" => 64,
        "md5" or "md2" => 16,
        _ => 0,
    };

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
