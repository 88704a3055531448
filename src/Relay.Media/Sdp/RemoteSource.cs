namespace Relay.Media.Sdp;

/// <summary>
/// A stream the browser announced it will send: a media SSRC, its RTX SSRC from an
/// <c>a=ssrc-group:FID</c> (RFC 5576 §4.2, RFC 4588), and its CNAME and msid.
/// </summary>
public sealed record RemoteSource(uint Ssrc, uint? RtxSsrc, string? CName, string? Msid)
{
    /// <summary>The streams announced in a media section; an RTX SSRC never appears as its own stream.</summary>
    public static List<RemoteSource> ReadAll(MediaDescription media)
    {
        var rtxByMedia = new Dictionary<uint, uint>();
        var rtxSsrcs = new HashSet<uint>();
        foreach (var group in media.GetSsrcGroups())
        {
            if (group.Semantics == SsrcGroup.FlowIdentification && group.Ssrcs.Count == 2)
            {
                rtxByMedia.TryAdd(group.Ssrcs[0], group.Ssrcs[1]);
                rtxSsrcs.Add(group.Ssrcs[1]);
            }
        }

        var order = new List<uint>();
        var seen = new HashSet<uint>();
        var cnames = new Dictionary<uint, string>();
        var msids = new Dictionary<uint, string>();
        foreach (var line in media.GetSsrcLines())
        {
            if (seen.Add(line.Ssrc))
            {
                order.Add(line.Ssrc);
            }

            if (line.Value is not null && line.Attribute == "cname")
            {
                cnames.TryAdd(line.Ssrc, line.Value);
            }
            else if (line.Value is not null && line.Attribute == "msid")
            {
                msids.TryAdd(line.Ssrc, line.Value);
            }
        }

        var streams = new List<RemoteSource>();
        foreach (var ssrc in order)
        {
            if (!rtxSsrcs.Contains(ssrc))
            {
                streams.Add(new RemoteSource(
                    ssrc,
                    rtxByMedia.TryGetValue(ssrc, out var rtx) ? rtx : null,
                    cnames.GetValueOrDefault(ssrc),
                    msids.GetValueOrDefault(ssrc)));
            }
        }

        return streams;
    }
}
