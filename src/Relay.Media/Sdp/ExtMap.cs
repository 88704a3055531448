namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;URI&gt; [&lt;extension attributes&gt;]</c>, RFC 8285 §8.
/// Ids 1–14 are one-byte headers and 15 is reserved; 16–255 need two-byte headers (§4.2, §4.3).
/// </summary>
public sealed record ExtMap(int Id, string? Direction, string Uri, string? ExtensionAttributes)
{
    public static bool TryParse(string? value, out ExtMap? result, out string? error)
    {
        result = null;
        var parts = value?.Split(' ', 3) ?? [];
        if (parts.Length < 2 || parts[1].Length == 0)
        {
            error = "extmap needs \"<id> <URI>\"";
            return false;
        }

        var idText = parts[0];
        string? direction = null;
        var slash = idText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            direction = idText[(slash + 1)..];
            idText = idText[..slash];
            if (!MediaDirections.TryParse(direction, out _))
            {
                error = "extmap direction must be sendrecv, sendonly, recvonly or inactive";
                return false;
            }
        }

        if (!SdpNumbers.TryParseInt32(idText, 1, 255, out var id) || id == 15)
        {
            error = "extmap id is not a number from 1 to 255 (15 is reserved)";
            return false;
        }

        result = new ExtMap(id, direction, parts[1], parts.Length == 3 ? parts[2] : null);
        error = null;
        return true;
    }

    public override string ToString()
    {
        var text = SdpNumbers.Format(Id) + (Direction is null ? "" : "/" + Direction) + " " + Uri;
        return ExtensionAttributes is null ? text : text + " " + ExtensionAttributes;
    }

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.Extmap, ToString());
}
