using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Relay.Media.Srtp;

/// <summary>
/// AES_CM_128 encryption with HMAC-SHA1 authentication (RFC 3711 §4.1.1, §4.2.1): encrypt the
/// payload, then tag = HMAC(k_a, authenticated portion || ROC) truncated. On receipt the tag is
/// checked before anything is decrypted. One ECB key schedule and one HMAC state are reused per
/// context, so the packet path does not allocate.
/// </summary>
[SuppressMessage(
    "Security",
    "CA5350:Do Not Use Weak Cryptographic Algorithms",
    Justification = "HMAC-SHA1 is the SRTP authentication transform RFC 3711 §4.2.1 and RFC 5764 mandate.")]
internal sealed class AesCmHmacSha1Cipher : SrtpCipher
{
    private const int Sha1Length = 20;

    /// <summary>In the AES-CM IV the SSRC occupies octets 4–7 and the index 8–13.</summary>
    private const int IvSsrcEnd = 8;

    private readonly AesCounterMode _cipher;
    private readonly IncrementalHash _hmac;
    private readonly byte[] _salt;

    public AesCmHmacSha1Cipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> authKey, ReadOnlySpan<byte> salt, int tagLength)
        : base(tagLength)
    {
        _cipher = new AesCounterMode(key);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authKey);
        _salt = salt.ToArray();
    }

    public override void ProtectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, long index)
    {
        Span<byte> iv = stackalloc byte[AesCounterMode.BlockLength];
        BuildIv(iv, ssrc, index);
        source[..headerLength].CopyTo(destination);
        _cipher.Transform(iv, source[headerLength..], destination[headerLength..source.Length]);
        WriteRtpTag(destination[..source.Length], Roc(index), destination.Slice(source.Length, TagLength));
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, long index)
    {
        var authenticated = source[..^TagLength];
        Span<byte> tag = stackalloc byte[TagLength];
        WriteRtpTag(authenticated, Roc(index), tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, source[^TagLength..]))
        {
            return false;
        }

        Span<byte> iv = stackalloc byte[AesCounterMode.BlockLength];
        BuildIv(iv, ssrc, index);
        authenticated[..headerLength].CopyTo(destination);
        _cipher.Transform(iv, authenticated[headerLength..], destination[headerLength..authenticated.Length]);
        return true;
    }

    public override void ProtectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint index)
    {
        // RFC 3711 §3.4: header | encrypted payload | E || index | tag over everything before it.
        Span<byte> iv = stackalloc byte[AesCounterMode.BlockLength];
        BuildIv(iv, ssrc, index);
        source[..RtcpHeaderLength].CopyTo(destination);
        _cipher.Transform(iv, source[RtcpHeaderLength..], destination[RtcpHeaderLength..source.Length]);
        var authenticatedLength = source.Length + RtcpIndexLength;
        BinaryPrimitives.WriteUInt32BigEndian(destination[source.Length..], RtcpEncryptedFlag | index);
        WriteTag(destination[..authenticatedLength], destination.Slice(authenticatedLength, TagLength));
    }

    public override uint ReadRtcpIndexWord(ReadOnlySpan<byte> source) =>
        BinaryPrimitives.ReadUInt32BigEndian(source[^RtcpTrailerLength..]);

    public override bool UnprotectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint indexWord)
    {
        var authenticated = source[..^TagLength];
        Span<byte> tag = stackalloc byte[TagLength];
        WriteTag(authenticated, tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, source[^TagLength..]))
        {
            return false;
        }

        var packet = authenticated[..^RtcpIndexLength];
        packet[..RtcpHeaderLength].CopyTo(destination);
        var payload = destination[RtcpHeaderLength..packet.Length];
        if ((indexWord & RtcpEncryptedFlag) == 0)
        {
            packet[RtcpHeaderLength..].CopyTo(payload);
            return true;
        }

        Span<byte> iv = stackalloc byte[AesCounterMode.BlockLength];
        BuildIv(iv, ssrc, indexWord & ~RtcpEncryptedFlag);
        _cipher.Transform(iv, packet[RtcpHeaderLength..], payload);
        return true;
    }

    public override void Dispose()
    {
        _cipher.Dispose();
        _hmac.Dispose();
    }

    private static uint Roc(long index) => (uint)(index >> 16);

    /// <summary>RFC 3711 §4.1.1: IV = (k_s·2^16) XOR (SSRC·2^64) XOR (i·2^16).</summary>
    private void BuildIv(Span<byte> iv, uint ssrc, long index)
    {
        iv.Clear();
        _salt.CopyTo(iv);
        XorSsrcAndIndex(iv, IvSsrcEnd, ssrc, index);
    }

    /// <summary>RFC 3711 §4.2: the SRTP tag covers the authenticated portion followed by the ROC.</summary>
    private void WriteRtpTag(ReadOnlySpan<byte> authenticated, uint roc, Span<byte> tag)
    {
        Span<byte> rocBytes = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
        _hmac.AppendData(authenticated);
        _hmac.AppendData(rocBytes);
        FinishTag(tag);
    }

    private void WriteTag(ReadOnlySpan<byte> authenticated, Span<byte> tag)
    {
        _hmac.AppendData(authenticated);
        FinishTag(tag);
    }

    private void FinishTag(Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[Sha1Length];
        _hmac.GetHashAndReset(mac);
        mac[..tag.Length].CopyTo(tag);
    }
}
