namespace Relay.Media.Rtcp;

/// <summary>
/// Walks the packets of a compound RTCP datagram by their length fields (RFC 3550 §6.1).
/// </summary>
/// <remarks>
/// The compound rules of RFC 3550 §6.1 (first packet SR or RR, SDES with CNAME) are not
/// enforced: Chromium negotiates reduced-size RTCP (RFC 5506), so a datagram may hold a
/// lone feedback packet. Only framing is checked here; each packet type's own TryParse checks
/// its body. Iteration stops at the first packet whose header is bad, and
/// <see cref="Error"/> / <see cref="ErrorOffset"/> say what and where; packets before it
/// remain usable.
/// <code>
/// var reader = new RtcpCompoundReader(datagram);
/// while (reader.MoveNext()) { switch (reader.Current.PacketType) { ... } }
/// if (reader.Error != RtcpError.None) { ... }
/// </code>
/// There is deliberately no GetEnumerator: <c>foreach</c> would advance a copy and hide
/// <see cref="Error"/>.
/// </remarks>
public ref struct RtcpCompoundReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _next;

    public RtcpCompoundReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Current = default;
        Offset = -1;
    }

    /// <summary>The packet found by the last successful <see cref="MoveNext"/>.</summary>
    public RtcpHeader Current { get; private set; }

    /// <summary>Offset of <see cref="Current"/> in the datagram.</summary>
    public int Offset { get; private set; }

    /// <summary><see cref="RtcpError.None"/> unless iteration stopped on a malformed packet.</summary>
    public RtcpError Error { get; private set; }

    /// <summary>Offset of the malformed packet, or -1.</summary>
    public int ErrorOffset { get; private set; } = -1;

    public bool MoveNext()
    {
        if (Error != RtcpError.None || _next >= _data.Length)
        {
            return false;
        }

        if (!RtcpHeader.TryParse(_data[_next..], out var header, out var error))
        {
            Error = error;
            ErrorOffset = _next;
            return false;
        }

        Current = header;
        Offset = _next;
        _next += header.Packet.Length;
        return true;
    }
}
