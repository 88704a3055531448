namespace Relay.Media.Stun;

/// <summary>
/// CRC-32 as ISO/HDLC and ITU-T V.42 define it (reflected polynomial 0xEDB88320, initial value
/// and final XOR 0xFFFFFFFF), which FINGERPRINT uses (RFC 8489 §14.7, RFC 1952 §8).
/// </summary>
/// <remarks>
/// Written here because System.IO.Hashing is a NuGet package, not part of the shared framework,
/// and x86 SSE4.2's CRC32 instruction computes CRC-32C, a different polynomial. A table of 256
/// entries is fast enough for STUN's ~100-byte messages. Stateless and thread-safe.
/// </remarks>
internal static class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;

    private static readonly uint[] Table = CreateTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
