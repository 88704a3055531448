namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=group:&lt;semantics&gt; &lt;mid&gt; …</c>, RFC 5888 §5; WebRTC uses the BUNDLE semantics of
/// RFC 8843 so that every media section shares one transport.
/// </summary>
public sealed record SdpGroup(string Semantics, IReadOnlyList<string> Mids)
{
    public const string Bundle = "BUNDLE";

    public static bool TryParse(string? value, out SdpGroup? result, out string? error)
    {
        result = null;
        var parts = value?.Split(' ') ?? [];
        if (parts.Length == 0 || parts[0].Length == 0)
        {
            error = "group needs \"<semantics> [<mid> ...]\"";
            return false;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                error = "group has an empty mid";
                return false;
            }
        }

        result = new SdpGroup(parts[0], parts[1..]);
        error = null;
        return true;
    }

    public override string ToString() => Mids.Count == 0 ? Semantics : Semantics + " " + string.Join(' ', Mids);

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.Group, ToString());
}
