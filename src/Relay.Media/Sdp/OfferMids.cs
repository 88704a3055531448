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
                if (media.Port != 0)
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
}
