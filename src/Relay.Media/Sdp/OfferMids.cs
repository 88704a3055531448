namespace Relay.Media.Sdp;

/// <summary>JSEP gives every live media section a unique a=mid (RFC 8829 §5.2.1, RFC 5888 §4).</summary>
internal static class OfferMids
{
    public static bool TryCheck(SessionDescription offer, out string? error)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < offer.MediaDescriptions.Count; i++)
        {
            var media = offer.MediaDescriptions[i];
            var mid = media.Mid;
            if (mid is null)
            {
                if (IsLive(media))
                {
                    error = $"media section {i + 1} (m={media.Kind}) has no a=mid (RFC 8829 §5.2.1)";
                    return false;
                }

                continue;
            }

            if (!seen.Add(mid))
            {
                error = $"mid {mid} is used by more than one media section (RFC 5888 §4)";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>
    /// A section in use: a non-zero port, or port 0 with a=bundle-only, which marks a section
    /// that shares the BUNDLE transport rather than a disabled one (RFC 8843).
    /// </summary>
    public static bool IsLive(MediaDescription media) =>
        media.Port != 0 || media.Attributes.Contains(SdpAttributeNames.BundleOnly);
}
