using System.Buffers.Binary;
using Relay.Media.Rtp;

namespace Relay.Media.Srtp;

/// <summary>
/// SRTP for one RTP stream (one SSRC) in one direction: either protects what we send or
/// unprotects what we receive, never both. Holds the session keys derived from the direction's
/// <see cref="SrtpMasterKey"/>, the rollover counter and the replay window.
/// </summary>
/// <remarks>
/// Receiving follows a fixed security order (RFC 3711 §3.3; pion srtp.go): estimate the index and
/// check the replay window → authenticate and decrypt → only then commit the rollover counter and
/// the window, so a forged packet changes no state. No allocation per packet.
/// Not thread-safe: one context per SSRC and direction, used by the thread that owns the leg.
/// </remarks>
public sealed class SrtpContext : IDisposable
{
    private readonly SrtpCipher _cipher;
    private readonly SequenceUnwrapper _sequence = new();
    private readonly SrtpReplayWindow _replay = new();

    public SrtpContext(SrtpMasterKey masterKey)
        : this(SrtpCipherFactory.CreateForRtp(masterKey))
    {
    }

    internal SrtpContext(SrtpCipher cipher) => _cipher = cipher;

    /// <summary>Octets protection adds to a packet (the authentication tag).</summary>
    public int Overhead => _cipher.TagLength;

    /// <summary>Rollover counter of the highest packet index accepted or sent so far.</summary>
    public uint RolloverCounter => _sequence.RolloverCounter;

    /// <summary>
    /// Protects an RTP packet into <paramref name="destination"/>, which needs
    /// <c>packet.Length + Overhead</c> octets and may start at the same memory as the packet.
    /// </summary>
    public bool TryProtect(ReadOnlySpan<byte> packet, Span<byte> destination, out int written, out SrtpError error)
    {
        written = 0;
        RequireInPlaceOrDisjoint(packet, destination);
        if (!RtpPacket.TryGetHeaderLength(packet, out var headerLength))
        {
            error = SrtpError.MalformedPacket;
            return false;
        }

        var length = packet.Length + _cipher.TagLength;
        if (destination.Length < length)
        {
            error = SrtpError.DestinationTooSmall;
            return false;
        }

        // The sender's own index moves at once: nothing needs authenticating on the way out.
        var index = _sequence.Unwrap(ReadSequenceNumber(packet));
        _cipher.ProtectRtp(packet, destination, headerLength, ReadSsrc(packet), index);
        written = length;
        error = SrtpError.None;
        return true;
    }

    /// <summary>Protects the packet in the first <paramref name="length"/> octets of <paramref name="buffer"/> in place.</summary>
    public bool TryProtectInPlace(Span<byte> buffer, int length, out int written, out SrtpError error) =>
        TryProtect(buffer[..length], buffer, out written, out error);

    /// <summary>
    /// Checks and decrypts an SRTP packet into <paramref name="destination"/>, which needs
    /// <c>packet.Length − Overhead</c> octets and may start at the same memory as the packet.
    /// </summary>
    public bool TryUnprotect(ReadOnlySpan<byte> packet, Span<byte> destination, out int written, out SrtpError error)
    {
        written = 0;
        RequireInPlaceOrDisjoint(packet, destination);
        if (packet.Length < RtpPacket.FixedHeaderLength + _cipher.TagLength)
        {
            error = SrtpError.TooShort;
            return false;
        }

        var length = packet.Length - _cipher.TagLength;
        if (!RtpPacket.TryGetHeaderLength(packet[..length], out var headerLength))
        {
            error = SrtpError.MalformedPacket;
            return false;
        }

        if (destination.Length < length)
        {
            error = SrtpError.DestinationTooSmall;
            return false;
        }

        var index = _sequence.Estimate(ReadSequenceNumber(packet));
        error = _replay.Check(index);
        if (error != SrtpError.None)
        {
            return false;
        }

        if (!_cipher.UnprotectRtp(packet, destination, headerLength, ReadSsrc(packet), index))
        {
            error = SrtpError.AuthenticationFailed;
            return false;
        }

        _sequence.Commit(index);
        _replay.Commit(index);
        written = length;
        return true;
    }

    /// <summary>Unprotects the packet in the first <paramref name="length"/> octets of <paramref name="buffer"/> in place.</summary>
    public bool TryUnprotectInPlace(Span<byte> buffer, int length, out int written, out SrtpError error) =>
        TryUnprotect(buffer[..length], buffer, out written, out error);

    public void Dispose() => _cipher.Dispose();

    internal static void RequireInPlaceOrDisjoint(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> destination)
    {
        if (packet.Overlaps(destination, out var offset) && offset != 0)
        {
            throw new ArgumentException("The destination must be the packet's own buffer or not overlap it.", nameof(destination));
        }
    }

    private static ushort ReadSequenceNumber(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt16BigEndian(packet[RtpPacket.SequenceNumberOffset..]);

    private static uint ReadSsrc(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[RtpPacket.SsrcOffset..]);
}
