namespace Relay.Media.Sdp;

/// <summary>
/// One <c>a=</c> line exactly as it was read: the name, and the text after the first colon
/// (null for a property attribute such as <c>a=rtcp-mux</c>). RFC 8866 §5.13.
/// </summary>
/// <remarks>
/// Attributes are stored raw and in order so that writing a parsed description reproduces
/// it byte for byte, unknown attributes included; typed views (<see cref="RtpMap"/>,
/// <see cref="IceCandidate"/> …) are parsed from the value on demand and validated once by
/// the parser.
/// </remarks>
public sealed record SdpAttributeLine(string Name, string? Value)
{
    /// <summary>The attribute as it appears after <c>a=</c>.</summary>
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
