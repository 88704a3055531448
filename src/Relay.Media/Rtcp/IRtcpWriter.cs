namespace Relay.Media.Rtcp;

/// <summary>
/// Shape shared by every RTCP packet writer: compute the size, then write into a
/// caller-owned buffer without allocating (pion's MarshalSize/MarshalTo). Writers are
/// ref structs, so generic code takes them as <c>where T : IRtcpWriter, allows ref struct</c>.
/// </summary>
public interface IRtcpWriter
{
    /// <summary>Exact number of bytes <see cref="TryWriteTo"/> writes, a multiple of four.</summary>
    int Size { get; }

    /// <summary>Writes the packet; false (and nothing meaningful written) if the destination is too small.</summary>
    bool TryWriteTo(Span<byte> destination, out int written);
}
