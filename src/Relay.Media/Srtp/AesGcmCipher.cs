using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Relay.Media.Srtp;

/// <summary>
/// AEAD_AES_128_GCM for SRTP and SRTCP (RFC 7714). The RTP header is the associated data and the
/// payload is encrypted (§8); for SRTCP the associated data is the 8-octet header plus the
/// E || index word, which trails the tag (§9, §17). Receivers also accept E = 0 (authenticated
/// only), where the whole RTCP packet becomes associated data (§9.3).
/// </summary>
internal sealed class AesGcmCipher : SrtpCipher
{
    private const int NonceLength = 12;
    private const int GcmTagLength = 16;

    /// <summary>In the GCM IV the SSRC occupies octets 2–5 and ROC || SEQ (or the SRTCP index) 6–11.</summary>
    private const int IvSsrcEnd = 6;

    private readonly AesGcm _aead;
    private readonly byte[] _salt;

    public AesGcmCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt)
        : base(GcmTagLength)
    {
        _aead = new AesGcm(key, GcmTagLength);
        _salt = salt.ToArray();
    }

    public override void ProtectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, long index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildNonce(nonce, ssrc, index);
        source[..headerLength].CopyTo(destination);
        _aead.Encrypt(
            nonce,
            source[headerLength..],
            destination[headerLength..source.Length],
            destination.Slice(source.Length, TagLength),
            destination[..headerLength]);
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, long index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildNonce(nonce, ssrc, index);
        var plainLength = source.Length - TagLength;
        if (!TryDecrypt(nonce, source[headerLength..plainLength], source[plainLength..], destination[headerLength..plainLength], source[..headerLength]))
        {
            return false;
        }

        source[..headerLength].CopyTo(destination);
        return true;
    }

    public override void ProtectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint index)
    {
        // RFC 7714 §9.1: header | ciphertext | tag | E || index; AAD = header || E || index.
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildNonce(nonce, ssrc, index);
        Span<byte> aad = stackalloc byte[RtcpHeaderLength + RtcpIndexLength];
        source[..RtcpHeaderLength].CopyTo(aad);
        var indexWord = RtcpEncryptedFlag | index;
        BinaryPrimitives.WriteUInt32BigEndian(aad[RtcpHeaderLength..], indexWord);

        source[..RtcpHeaderLength].CopyTo(destination);
        _aead.Encrypt(
            nonce,
            source[RtcpHeaderLength..],
            destination[RtcpHeaderLength..source.Length],
            destination.Slice(source.Length, TagLength),
            aad);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(source.Length + TagLength)..], indexWord);
    }

    public override uint ReadRtcpIndexWord(ReadOnlySpan<byte> source) =>
        BinaryPrimitives.ReadUInt32BigEndian(source[^RtcpIndexLength..]);

    public override bool UnprotectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint indexWord)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildNonce(nonce, ssrc, indexWord & ~RtcpEncryptedFlag);
        var packetLength = source.Length - RtcpTrailerLength;
        var tag = source.Slice(packetLength, TagLength);
        var indexBytes = source[^RtcpIndexLength..];

        if ((indexWord & RtcpEncryptedFlag) == 0)
        {
            // RFC 7714 §9.3: nothing is encrypted; AAD = the whole RTCP packet || E || index.
            if (!TryVerifyRtcpTagOnly(nonce, source[..packetLength], tag, indexBytes))
            {
                return false;
            }

            source[..packetLength].CopyTo(destination);
            return true;
        }

        Span<byte> aad = stackalloc byte[RtcpHeaderLength + RtcpIndexLength];
        source[..RtcpHeaderLength].CopyTo(aad);
        indexBytes.CopyTo(aad[RtcpHeaderLength..]);
        if (!TryDecrypt(nonce, source[RtcpHeaderLength..packetLength], tag, destination[RtcpHeaderLength..packetLength], aad))
        {
            return false;
        }

        source[..RtcpHeaderLength].CopyTo(destination);
        return true;
    }

    public override void Dispose() => _aead.Dispose();

    /// <summary>RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt; §9.1 puts the SRTCP index there.</summary>
    private void BuildNonce(Span<byte> nonce, uint ssrc, long index)
    {
        _salt.CopyTo(nonce);
        XorSsrcAndIndex(nonce, IvSsrcEnd, ssrc, index);
    }

    /// <summary>
    /// <see cref="AesGcm"/> reports a wrong tag by exception only; it stays inside this method so
    /// the packet path sees a bool. The exception costs microseconds, paid only by forged packets.
    /// </summary>
    private bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        try
        {
            _aead.Decrypt(nonce, ciphertext, tag, plaintext, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private bool TryVerifyRtcpTagOnly(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> packet, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> indexBytes)
    {
        // The tag sits between packet and index word, so the AAD must be assembled. E = 0 is rare
        // (Chromium always encrypts), so it is built on the stack and larger packets are refused.
        const int maxTagOnlyRtcp = 1500;
        if (packet.Length > maxTagOnlyRtcp)
        {
            return false;
        }

        Span<byte> aad = stackalloc byte[packet.Length + RtcpIndexLength];
        packet.CopyTo(aad);
        indexBytes.CopyTo(aad[packet.Length..]);
        return TryDecrypt(nonce, [], tag, [], aad);
    }
}
