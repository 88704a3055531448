using System.Buffers.Binary;

namespace Relay.Media.Srtp;

/// <summary>
/// The cryptographic transform of one SRTP or SRTCP context: session keys, cipher and tag, with
/// no packet-index state. It reads and writes whole packets so each profile can place its tag and
/// SRTCP index where its RFC says. <c>source</c> and <c>destination</c> may be the same memory
/// (in-place use) but must not otherwise overlap. Not thread-safe.
/// </summary>
internal abstract class SrtpCipher : IDisposable
{
    /// <summary>RTCP header left in clear: V/P/RC, PT, length and sender SSRC (RFC 3711 §3.4).</summary>
    public const int RtcpHeaderLength = 8;

    /// <summary>The E flag and 31-bit SRTCP index word (RFC 3711 §3.4).</summary>
    public const int RtcpIndexLength = 4;

    public const uint RtcpEncryptedFlag = 0x8000_0000;

    protected const int SsrcLength = 4;

    private const int IndexLength = 6;

    protected SrtpCipher(int tagLength) => TagLength = tagLength;

    public int TagLength { get; }

    /// <summary>Octets SRTCP adds to an RTCP packet: index word and tag.</summary>
    public int RtcpTrailerLength => RtcpIndexLength + TagLength;

    /// <summary>Writes header, encrypted payload and tag: <c>source.Length + TagLength</c> octets.</summary>
    public abstract void ProtectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, long index);

    /// <summary>
    /// Authenticates <paramref name="source"/> (header, payload, tag) and writes the plain packet,
    /// <c>source.Length − TagLength</c> octets. False on a wrong tag; destination content is then undefined.
    /// </summary>
    public abstract bool UnprotectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, long index);

    /// <summary>Writes the SRTCP packet with the E flag set: <c>source.Length + RtcpTrailerLength</c> octets.</summary>
    public abstract void ProtectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint index);

    /// <summary>Reads the E flag and index word, before authentication, for the replay check.</summary>
    public abstract uint ReadRtcpIndexWord(ReadOnlySpan<byte> source);

    /// <summary>Authenticates and (when E is set) decrypts: <c>source.Length − RtcpTrailerLength</c> octets.</summary>
    public abstract bool UnprotectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint indexWord);

    public abstract void Dispose();

    /// <summary>
    /// XORs SSRC and 48-bit index into an IV already holding the salt, with the SSRC ending
    /// <paramref name="ssrcEnd"/> octets into it and the index right after: the shared shape of the
    /// AES-CM IV (RFC 3711 §4.1.1) and the GCM IV (RFC 7714 §8.1, §9.1; an SRTCP index is a
    /// 48-bit index whose top 17 bits are zero).
    /// </summary>
    protected static void XorSsrcAndIndex(Span<byte> iv, int ssrcEnd, uint ssrc, long index)
    {
        Span<byte> field = stackalloc byte[SsrcLength + sizeof(ulong)];
        BinaryPrimitives.WriteUInt32BigEndian(field, ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(field[SsrcLength..], (ulong)index);

        // Drop the two high octets of the 64-bit index: it is 48 bits wide.
        var ssrcBytes = field[..SsrcLength];
        var index48 = field.Slice(SsrcLength + sizeof(ulong) - IndexLength, IndexLength);
        var ssrcStart = ssrcEnd - SsrcLength;
        for (var i = 0; i < SsrcLength; i++)
        {
            iv[ssrcStart + i] ^= ssrcBytes[i];
        }

        for (var i = 0; i < IndexLength; i++)
        {
            iv[ssrcEnd + i] ^= index48[i];
        }
    }
}
