namespace Relay.Media.Sdp;

/// <summary>
/// Picks the one codec per media section that the relay forwards. A relay does not
/// transcode, so both legs of a call must send the same codec: the choice is fixed and
/// universal rather than the offerer's first preference.
/// </summary>
internal static class CodecSelector
{
    // H.264 profile-level-id values (RFC 6184 §8.1) every browser decodes: Constrained
    // Baseline level 3.1 first, then Baseline level 3.1, which Chromium offers alongside.
    private static readonly string[] H264Profiles = ["42e01f", "42001f"];

    public static bool TrySelect(MediaDescription media, out SelectedCodec? selected)
    {
        selected = null;
        var rtpMaps = IndexByPayloadType(media.GetRtpMaps());
        var fmtps = new Dictionary<int, Fmtp>();
        foreach (var fmtp in media.GetFmtps())
        {
            fmtps.TryAdd(fmtp.PayloadType, fmtp);
        }

        var offered = OfferedMaps(media, rtpMaps);
        var codec = media.Kind switch
        {
            MediaDescription.Audio => FindOpus(offered),
            MediaDescription.Video => FindVp8(offered) ?? FindH264(offered, fmtps),
            _ => null,
        };
        if (codec is null)
        {
            return false;
        }

        selected = new SelectedCodec(codec, fmtps.GetValueOrDefault(codec.PayloadType), FindRtx(offered, fmtps, codec));
        return true;
    }

    /// <summary>Opus is always <c>opus/48000/2</c> in SDP, whatever it carries (RFC 7587).</summary>
    private static RtpMap? FindOpus(List<RtpMap> offered)
    {
        foreach (var map in offered)
        {
            if (map.Is("opus", 48000) && map.Channels == 2)
            {
                return map;
            }
        }

        return null;
    }

    private static RtpMap? FindVp8(List<RtpMap> offered)
    {
        foreach (var map in offered)
        {
            if (map.Is("VP8", 90000))
            {
                return map;
            }
        }

        return null;
    }

    /// <summary>
    /// H.264 with packetization-mode=1 (RFC 6184 §6.3: FU-A and STAP-A, which browsers send)
    /// and one of <see cref="H264Profiles"/>, in that order of preference.
    /// </summary>
    private static RtpMap? FindH264(List<RtpMap> offered, Dictionary<int, Fmtp> fmtps)
    {
        foreach (var profile in H264Profiles)
        {
            foreach (var map in offered)
            {
                if (map.Is("H264", 90000)
                    && fmtps.TryGetValue(map.PayloadType, out var fmtp)
                    && fmtp.TryGetParameter("packetization-mode", out var mode) && mode == "1"
                    && fmtp.TryGetParameter("profile-level-id", out var level)
                    && string.Equals(level, profile, StringComparison.OrdinalIgnoreCase))
                {
                    return map;
                }
            }
        }

        return null;
    }

    /// <summary>The <c>rtx</c> format whose <c>apt</c> names the chosen codec (RFC 4588).</summary>
    private static RtxFormat? FindRtx(List<RtpMap> offered, Dictionary<int, Fmtp> fmtps, RtpMap codec)
    {
        var apt = SdpNumbers.Format(codec.PayloadType);
        foreach (var map in offered)
        {
            if (map.Is("rtx", codec.ClockRate)
                && fmtps.TryGetValue(map.PayloadType, out var fmtp)
                && fmtp.TryGetParameter("apt", out var associated) && associated == apt)
            {
                return new RtxFormat(map, fmtp);
            }
        }

        return null;
    }

    /// <summary>The rtpmaps of the payload types on the m= line, in the m= line's order.</summary>
    private static List<RtpMap> OfferedMaps(MediaDescription media, Dictionary<int, RtpMap> rtpMaps)
    {
        var offered = new List<RtpMap>(media.Formats.Count);
        foreach (var format in media.Formats)
        {
            if (SdpNumbers.TryParsePayloadType(format, out var payloadType)
                && rtpMaps.TryGetValue(payloadType, out var map))
            {
                offered.Add(map);
            }
        }

        return offered;
    }

    private static Dictionary<int, RtpMap> IndexByPayloadType(List<RtpMap> maps)
    {
        var index = new Dictionary<int, RtpMap>(maps.Count);
        foreach (var map in maps)
        {
            index.TryAdd(map.PayloadType, map);
        }

        return index;
    }
}
