namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=ssrc:&lt;ssrc&gt; &lt;attribute&gt;[:&lt;value&gt;]</c>, RFC 5576 §4.1, e.g.
/// <c>838303741 cname:9OVZsVN+wxe7tmCJ</c>.
/// </summary>
public sealed record SsrcLine(uint Ssrc, string Attribute, string? Value)
{
    public static bool TryParse(string? value, out SsrcLine? result, out string? error)
    {
        result = null;
        var space = value is null ? -1 : value.IndexOf(' ', StringComparison.Ordinal);
        if (value is null || space < 0 || space == value.Length - 1)
        {
            error = "ssrc needs \"<ssrc> <attribute>[:<value>]\"";
            return false;
        }

        if (!SdpNumbers.TryParseUInt32(value[..space], out var ssrc))
        {
            error = "ssrc is not a 32-bit unsigned number";
            return false;
        }

        var rest = value[(space + 1)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        result = colon < 0
            ? new SsrcLine(ssrc, rest, null)
            : new SsrcLine(ssrc, rest[..colon], rest[(colon + 1)..]);
        error = null;
        return true;
    }

    public override string ToString() =>
        SdpNumbers.Format(Ssrc) + " " + Attribute + (Value is null ? "" : ":" + Value);

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.Ssrc, ToString());
}
