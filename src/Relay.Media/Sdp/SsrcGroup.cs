namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=ssrc-group:&lt;semantics&gt; &lt;ssrc&gt; …</c>, RFC 5576 §4.2, e.g. <c>FID 2883432329 721358159</c>
/// (the second SSRC carries RTX retransmissions of the first, RFC 4588).
/// </summary>
public sealed record SsrcGroup(string Semantics, IReadOnlyList<uint> Ssrcs)
{
    /// <summary>Flow identification: a media SSRC and its RTX SSRC.</summary>
    public const string FlowIdentification = "FID";

    public static bool TryParse(string? value, out SsrcGroup? result, out string? error)
    {
        result = null;
        var parts = value?.Split(' ') ?? [];
        if (parts.Length < 2 || parts[0].Length == 0)
        {
            error = "ssrc-group needs \"<semantics> <ssrc> ...\"";
            return false;
        }

        var ssrcs = new uint[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            if (!SdpNumbers.TryParseUInt32(parts[i], out ssrcs[i - 1]))
            {
                error = "ssrc-group member is not a 32-bit unsigned number";
                return false;
            }
        }

        result = new SsrcGroup(parts[0], ssrcs);
        error = null;
        return true;
    }

    public override string ToString()
    {
        var text = new System.Text.StringBuilder(Semantics);
        foreach (var ssrc in Ssrcs)
        {
            text.Append(' ').Append(SdpNumbers.Format(ssrc));
        }

        return text.ToString();
    }

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.SsrcGroup, ToString());
}
