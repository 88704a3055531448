namespace Relay.Media.Rtcp;

/// <summary>Why an RTCP packet was rejected. Values are stable: they double as metric labels.</summary>
public enum RtcpError
{
    None = 0,

    /// <summary>Fewer bytes than the 4-byte common header.</summary>
    TooShort,

    /// <summary>Version field is not 2 (RFC 3550 §6.4.1).</summary>
    BadVersion,

    /// <summary>The length field claims more bytes than are present.</summary>
    LengthOverrun,

    /// <summary>Padding bit set but the padding count is zero or larger than the packet body.</summary>
    BadPadding,
}
