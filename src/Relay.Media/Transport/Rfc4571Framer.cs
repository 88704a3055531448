using System.Buffers;
using System.Buffers.Binary;

namespace Relay.Media.Transport;

/// <summary>
/// RFC 4571 §2 framing for ICE-TCP (RFC 6544): each packet on the byte stream is preceded by a
/// 16-bit unsigned big-endian LENGTH that counts the packet bytes only, not itself.
/// <code>
///    0                   1                   2                   3
///    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///   |             LENGTH            |  STUN, DTLS, RTP or RTCP ...  |
///   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
/// <remarks>
/// <para>Built for <c>System.IO.Pipelines</c>: hand <see cref="TryReadFrame"/> the buffer from
/// <c>PipeReader.ReadAsync</c>, loop while it returns <see cref="Rfc4571ReadStatus.Frame"/>, then
/// <c>AdvanceTo(buffer.Start, buffer.End)</c> so a partial frame waits for more bytes. A frame is
/// a slice of the pipe's memory, valid only until that <c>AdvanceTo</c>; use
/// <see cref="GetContiguous"/> to get a span to parse.</para>
/// <para>Immutable, so one instance may be shared by every connection and thread. Never throws
/// on input and allocates nothing per frame.</para>
/// </remarks>
public sealed class Rfc4571Framer
{
    /// <summary>The LENGTH field's size (RFC 4571 §2).</summary>
    public const int HeaderSize = sizeof(ushort);

    /// <summary>The most a 16-bit LENGTH can express (RFC 4571 §2).</summary>
    public const int MaxPayloadLength = ushort.MaxValue;

    /// <summary>
    /// An Ethernet MTU: the largest RTP, RTCP, STUN or DTLS packet ICE would have sent over UDP,
    /// which is all ICE-TCP carries. A larger length only makes a peer hold more of our memory.
    /// </summary>
    public const int DefaultMaxFrameLength = 1500;

    /// <param name="maxFrameLength">Largest accepted payload, 1 to 65535 bytes; it also sizes the
    /// scratch buffer <see cref="GetContiguous"/> needs.</param>
    public Rfc4571Framer(int maxFrameLength = DefaultMaxFrameLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameLength, MaxPayloadLength);
        MaxFrameLength = maxFrameLength;
    }

    public int MaxFrameLength { get; }

    /// <summary>
    /// Reads one frame from the head of <paramref name="buffer"/>. Only on
    /// <see cref="Rfc4571ReadStatus.Frame"/> is <paramref name="buffer"/> advanced past the frame
    /// and <paramref name="frame"/> set to its payload (without the LENGTH); otherwise both are
    /// left so that nothing is consumed. Works across any segment boundaries, including one that
    /// splits the LENGTH field.
    /// </summary>
    public Rfc4571ReadStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < HeaderSize)
        {
            return Rfc4571ReadStatus.NeedMoreData;
        }

        int length = ReadLength(buffer);
        if (length == 0)
        {
            return Rfc4571ReadStatus.EmptyFrame;
        }

        // Checked before waiting for the payload, so a bad length fails at once rather than
        // after the peer has made us buffer up to 64 KiB.
        if (length > MaxFrameLength)
        {
            return Rfc4571ReadStatus.FrameTooLarge;
        }

        if (buffer.Length - HeaderSize < length)
        {
            return Rfc4571ReadStatus.NeedMoreData;
        }

        frame = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(frame.End);
        return Rfc4571ReadStatus.Frame;
    }

    /// <summary>
    /// The frame as one span: the frame itself when it lies in one segment (the common case, no
    /// copy), otherwise copied into <paramref name="scratch"/>, which must be at least
    /// <see cref="MaxFrameLength"/> bytes and is owned by the caller (one per connection).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scratch"/> is shorter than a
    /// multi-segment <paramref name="frame"/>: a caller bug, not bad input.</exception>
    public static ReadOnlySpan<byte> GetContiguous(in ReadOnlySequence<byte> frame, Span<byte> scratch)
    {
        if (frame.IsSingleSegment)
        {
            return frame.FirstSpan;
        }

        // A frame's length came from a 16-bit field, so the cast cannot truncate.
        var destination = scratch[..(int)frame.Length];
        frame.CopyTo(destination);
        return destination;
    }

    /// <summary>The bytes a frame of <paramref name="payloadLength"/> occupies on the wire.</summary>
    public static int GetFrameSize(int payloadLength) => HeaderSize + payloadLength;

    /// <summary>
    /// Writes LENGTH and <paramref name="payload"/> into <paramref name="destination"/>. False,
    /// with nothing written, when the payload is empty (our own reader, and any careful peer,
    /// closes on an empty frame), does not fit a 16-bit LENGTH, or the destination is shorter
    /// than <see cref="GetFrameSize"/>.
    /// </summary>
    public static bool TryWriteFrame(ReadOnlySpan<byte> payload, Span<byte> destination, out int written)
    {
        written = 0;
        if (payload.IsEmpty || payload.Length > MaxPayloadLength || destination.Length < GetFrameSize(payload.Length))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)payload.Length);
        payload.CopyTo(destination[HeaderSize..]);
        written = GetFrameSize(payload.Length);
        return true;
    }

    // The two LENGTH bytes may straddle segments when a TCP read ends between them.
    private static int ReadLength(in ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= HeaderSize)
        {
            return BinaryPrimitives.ReadUInt16BigEndian(first);
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        return BinaryPrimitives.ReadUInt16BigEndian(header);
    }
}
