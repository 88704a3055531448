namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=rtcp-fb:&lt;payload type or *&gt; &lt;type&gt; [&lt;parameter&gt;]</c>, RFC 4585 §4.2,
/// e.g. <c>96 nack pli</c> or <c>111 transport-cc</c>. A null payload type is the wildcard <c>*</c>.
/// </summary>
public sealed record RtcpFeedback(int? PayloadType, string Type, string? Parameter)
{
    public static bool TryParse(string? value, out RtcpFeedback? result, out string? error)
    {
        result = null;
        var parts = value?.Split(' ') ?? [];
        if (parts.Length is < 2 or > 3 || parts[1].Length == 0 || (parts.Length == 3 && parts[2].Length == 0))
        {
            error = "rtcp-fb needs \"<payload type> <type> [<parameter>]\"";
            return false;
        }

        int? payloadType = null;
        if (parts[0] != "*")
        {
            if (!SdpNumbers.TryParsePayloadType(parts[0], out var pt))
            {
                error = "rtcp-fb payload type is neither * nor a number from 0 to 127";
                return false;
            }

            payloadType = pt;
        }

        result = new RtcpFeedback(payloadType, parts[1], parts.Length == 3 ? parts[2] : null);
        error = null;
        return true;
    }

    public override string ToString()
    {
        var text = (PayloadType is { } pt ? SdpNumbers.Format(pt) : "*") + " " + Type;
        return Parameter is null ? text : text + " " + Parameter;
    }

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.RtcpFb, ToString());
}
