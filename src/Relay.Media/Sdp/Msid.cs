namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=msid:&lt;stream id&gt; [&lt;track id&gt;]</c>, RFC 8830 §2: the MediaStream a track belongs to.
/// </summary>
public sealed record Msid(string StreamId, string? TrackId)
{
    public static bool TryParse(string? value, out Msid? result, out string? error)
    {
        result = null;
        var parts = value?.Split(' ') ?? [];
        if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || (parts.Length == 2 && parts[1].Length == 0))
        {
            error = "msid needs \"<stream id> [<track id>]\"";
            return false;
        }

        result = new Msid(parts[0], parts.Length == 2 ? parts[1] : null);
        error = null;
        return true;
    }

    public override string ToString() => TrackId is null ? StreamId : StreamId + " " + TrackId;

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.Msid, ToString());
}
