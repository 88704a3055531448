using System.Buffers.Binary;

namespace Relay.Media.Srtp;

/// <summary>
/// SRTCP for one sender SSRC in one direction (RFC 3711 §3.4, RFC 7714 §9): either protects our
/// RTCP, numbering it with the explicit 31-bit SRTCP index, or unprotects the peer's. The index
/// travels in the packet, so no rollover estimation is needed, only the replay window.
/// </summary>
/// <remarks>
/// Same security order as <see cref="SrtpContext"/>: replay check → authenticate and decrypt →
/// commit. The RTCP header is checked only as far as SRTCP needs it (version and the 8 clear
/// octets); parsing the compound packet is the RTCP layer's job.
/// Not thread-safe: one context per SSRC and direction.
/// </remarks>
public sealed class SrtcpContext : IDisposable
{
    /// <summary>RFC 3711 §3.4: the index is 31 bits; it must not wrap under one key.</summary>
    public const uint MaxIndex = 0x7FFF_FFFF;

    private const int VersionShift = 6;
    private const int RtcpVersion = 2;
    private const int SsrcOffset = 4;

    private readonly SrtpCipher _cipher;
    private readonly SrtpReplayWindow _replay = new();

    public SrtcpContext(SrtpMasterKey masterKey)
        : this(SrtpCipherFactory.CreateForRtcp(masterKey))
    {
    }

    internal SrtcpContext(SrtpCipher cipher) => _cipher = cipher;

    /// <summary>Octets protection adds: the E || index word and the tag.</summary>
    public int Overhead => _cipher.RtcpTrailerLength;

    /// <summary>The SRTCP index the next protected packet gets; starts at 0 (RFC 3711 §3.4).</summary>
    public uint NextIndex { get; internal set; }

    /// <summary>Protects an RTCP packet into <paramref name="destination"/> (<c>packet.Length + Overhead</c> octets).</summary>
    public bool TryProtect(ReadOnlySpan<byte> packet, Span<byte> destination, out int written, out SrtpError error)
    {
        written = 0;
        SrtpContext.RequireInPlaceOrDisjoint(packet, destination);
        error = CheckHeader(packet);
        if (error != SrtpError.None)
        {
            return false;
        }

        if (NextIndex > MaxIndex)
        {
            error = SrtpError.IndexExhausted;
            return false;
        }

        var length = packet.Length + _cipher.RtcpTrailerLength;
        if (destination.Length < length)
        {
            error = SrtpError.DestinationTooSmall;
            return false;
        }

        _cipher.ProtectRtcp(packet, destination, ReadSsrc(packet), NextIndex);
        NextIndex++;
        written = length;
        return true;
    }

    public bool TryProtectInPlace(Span<byte> buffer, int length, out int written, out SrtpError error) =>
        TryProtect(buffer[..length], buffer, out written, out error);

    /// <summary>Checks and decrypts an SRTCP packet into <paramref name="destination"/> (<c>packet.Length − Overhead</c> octets).</summary>
    public bool TryUnprotect(ReadOnlySpan<byte> packet, Span<byte> destination, out int written, out SrtpError error)
    {
        written = 0;
        SrtpContext.RequireInPlaceOrDisjoint(packet, destination);
        if (packet.Length < SrtpCipher.RtcpHeaderLength + _cipher.RtcpTrailerLength)
        {
            error = SrtpError.TooShort;
            return false;
        }

        error = CheckHeader(packet);
        if (error != SrtpError.None)
        {
            return false;
        }

        var length = packet.Length - _cipher.RtcpTrailerLength;
        if (destination.Length < length)
        {
            error = SrtpError.DestinationTooSmall;
            return false;
        }

        var indexWord = _cipher.ReadRtcpIndexWord(packet);
        long index = indexWord & MaxIndex;
        error = _replay.Check(index);
        if (error != SrtpError.None)
        {
            return false;
        }

        if (!_cipher.UnprotectRtcp(packet, destination, ReadSsrc(packet), indexWord))
        {
            error = SrtpError.AuthenticationFailed;
            return false;
        }

        _replay.Commit(index);
        written = length;
        return true;
    }

    public bool TryUnprotectInPlace(Span<byte> buffer, int length, out int written, out SrtpError error) =>
        TryUnprotect(buffer[..length], buffer, out written, out error);

    public void Dispose() => _cipher.Dispose();

    private static SrtpError CheckHeader(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < SrtpCipher.RtcpHeaderLength)
        {
            return SrtpError.TooShort;
        }

        return packet[0] >> VersionShift == RtcpVersion ? SrtpError.None : SrtpError.MalformedPacket;
    }

    private static uint ReadSsrc(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[SsrcOffset..]);
}
