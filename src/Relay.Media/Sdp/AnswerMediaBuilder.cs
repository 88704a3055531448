namespace Relay.Media.Sdp;

/// <summary>Writes one answer media section (RFC 8829 §5.3.1) and what it negotiated.</summary>
internal static class AnswerMediaBuilder
{
    /// <summary>The transport address shown on m= and c=: the default candidate, or JSEP's "9 / 0.0.0.0" (RFC 8829 §5.3.1).</summary>
    public readonly record struct DefaultAddress(int Port, string Connection);

    /// <summary>
    /// A rejected section keeps its kind, protocol and formats with port 0 (RFC 3264 §6) and its
    /// mid, so the browser can match it (RFC 8829 §5.3.1).
    /// </summary>
    public static MediaDescription BuildRejected(MediaDescription offered)
    {
        var media = new MediaDescription(offered.Kind, 0, offered.Protocol, offered.Formats);
        media.Fields.Add(new SdpField('c', "IN IP4 0.0.0.0"));
        if (offered.Mid is { } mid)
        {
            media.Attributes.Add(SdpAttributeNames.Mid, mid);
        }

        return media;
    }

    /// <summary>
    /// An accepted section. Every bundled section repeats the transport attributes and the
    /// address, as Chromium's own answers do; the browser takes the transport from the first
    /// (tagged) section of the BUNDLE group (RFC 8843).
    /// </summary>
    public static MediaDescription BuildAccepted(
        MediaDescription offered,
        SelectedCodec codec,
        RelayAnswerParameters local,
        DefaultAddress address,
        out NegotiatedMedia negotiated)
    {
        var mid = offered.Mid!;
        var formats = new List<string>(2) { SdpNumbers.Format(codec.Codec.PayloadType) };
        if (codec.Rtx is not null)
        {
            formats.Add(SdpNumbers.Format(codec.Rtx.Map.PayloadType));
        }

        var media = new MediaDescription(offered.Kind, address.Port, offered.Protocol, formats);
        media.Fields.Add(new SdpField('c', address.Connection));
        var attributes = media.Attributes;
        attributes.Add(SdpAttributeNames.IceUfrag, local.IceUfrag);
        attributes.Add(SdpAttributeNames.IcePwd, local.IcePwd);
        attributes.Add(local.Fingerprint.ToAttribute());
        attributes.Add(SdpAttributeNames.Setup, NegotiatedSession.LocalSetup.ToSdpValue());
        attributes.Add(SdpAttributeNames.Mid, mid);

        var extensions = AddExtensions(offered, attributes);

        var direction = offered.Direction.Mirror();
        attributes.Add(direction.ToAttributeName());
        var outbound = direction.Sends() ? local.OutboundSources.GetValueOrDefault(mid) : null;
        if (outbound is not null)
        {
            attributes.Add(new Msid(outbound.StreamId, outbound.TrackId).ToAttribute());
        }

        attributes.Add(SdpAttributeNames.RtcpMux);
        if (offered.IsRtcpReducedSize)
        {
            attributes.Add(SdpAttributeNames.RtcpRsize);
        }

        var feedback = AddCodec(offered, codec, local, attributes);
        if (outbound is not null)
        {
            AddSsrcs(outbound, codec.Rtx is not null, local.CName, attributes);
        }

        foreach (var candidate in local.Candidates)
        {
            attributes.Add(candidate.ToAttribute());
        }

        // An ICE-lite agent has all its candidates at once (RFC 8445 §5.2), so it says so (RFC 8840).
        attributes.Add(SdpAttributeNames.EndOfCandidates);

        negotiated = new NegotiatedMedia
        {
            Mid = mid,
            Kind = offered.Kind,
            Direction = direction,
            PayloadType = codec.Codec.PayloadType,
            Codec = codec.Codec.EncodingName,
            ClockRate = codec.Codec.ClockRate,
            Channels = codec.Codec.Channels,
            CodecParameters = codec.Parameters?.Parameters,
            RtxPayloadType = codec.Rtx?.Map.PayloadType,
            MidExtensionId = extensions.Mid,
            AbsSendTimeExtensionId = extensions.AbsSendTime,
            TransportWideCcExtensionId = extensions.TransportWideCc,
            RtcpFeedback = feedback,
            RtcpReducedSize = offered.IsRtcpReducedSize,
            RemoteSources = RemoteSource.ReadAll(offered),
            Outbound = outbound,
        };
        return media;
    }

    private readonly record struct ExtensionIds(int? Mid, int? AbsSendTime, int? TransportWideCc);

    /// <summary>
    /// Keeps only the header extensions the relay reads or rewrites, with the offered ids
    /// (RFC 8285 §7: the answer may not change an id).
    /// </summary>
    private static ExtensionIds AddExtensions(MediaDescription offered, SdpAttributeList attributes)
    {
        var ids = new ExtensionIds();
        foreach (var map in offered.GetExtMaps())
        {
            switch (map.Uri)
            {
                case RtpHeaderExtensionUris.Mid when ids.Mid is null:
                    ids = ids with { Mid = map.Id };
                    break;
                case RtpHeaderExtensionUris.AbsSendTime when ids.AbsSendTime is null:
                    ids = ids with { AbsSendTime = map.Id };
                    break;
                case RtpHeaderExtensionUris.TransportWideCc when ids.TransportWideCc is null:
                    ids = ids with { TransportWideCc = map.Id };
                    break;
                default:
                    continue;
            }

            attributes.Add(new ExtMap(map.Id, null, map.Uri, null).ToAttribute());
        }

        return ids;
    }

    /// <summary>rtpmap, rtcp-fb and fmtp of the chosen codec, then its RTX format.</summary>
    private static List<RtcpFeedback> AddCodec(MediaDescription offered, SelectedCodec codec, RelayAnswerParameters local, SdpAttributeList attributes)
    {
        attributes.Add(codec.Codec.ToAttribute());
        var kept = new List<RtcpFeedback>();
        foreach (var feedback in offered.GetRtcpFeedback())
        {
            if ((feedback.PayloadType is null || feedback.PayloadType == codec.Codec.PayloadType) && IsSupported(feedback))
            {
                kept.Add(feedback);
                attributes.Add(feedback.ToAttribute());
            }
        }

        if (AnsweredParameters(offered, codec, local) is { } parameters)
        {
            attributes.Add(parameters.ToAttribute());
        }

        if (codec.Rtx is not null)
        {
            attributes.Add(codec.Rtx.Map.ToAttribute());
            attributes.Add(codec.Rtx.Parameters.ToAttribute());
        }

        return kept;
    }

    /// <summary>The codec's fmtp as offered, plus the start bitrate on video.</summary>
    private static Fmtp? AnsweredParameters(MediaDescription offered, SelectedCodec codec, RelayAnswerParameters local)
    {
        if (offered.Kind != MediaDescription.Video || local.VideoStartBitrateKbps is not { } kbps)
        {
            return codec.Parameters;
        }

        var startBitrate = "x-google-start-bitrate=" + SdpNumbers.Format(kbps);
        return codec.Parameters is { } offeredParameters
            ? offeredParameters with { Parameters = offeredParameters.Parameters + ";" + startBitrate }
            : new Fmtp(codec.Codec.PayloadType, startBitrate);
    }

    /// <summary>
    /// The feedback the relay acts on: NACK (RFC 4585 §6.2.1) from its retransmission cache,
    /// PLI (§6.3.1) and FIR (RFC 5104 §4.3.1) forwarded to the sender, REMB and transport-cc
    /// for the sender's bandwidth estimation.
    /// </summary>
    private static bool IsSupported(RtcpFeedback feedback) => (feedback.Type, feedback.Parameter) switch
    {
        ("nack", null) or ("nack", "pli") or ("ccm", "fir") or ("goog-remb", null) or ("transport-cc", null) => true,
        _ => false,
    };

    /// <summary>a=ssrc-group:FID then a=ssrc cname and msid lines (RFC 5576 §4, RFC 8830 §2).</summary>
    private static void AddSsrcs(OutboundSource outbound, bool rtxNegotiated, string cname, SdpAttributeList attributes)
    {
        var msid = outbound.StreamId + " " + outbound.TrackId;
        var rtxSsrc = rtxNegotiated ? outbound.RtxSsrc : null;
        if (rtxSsrc is { } rtx)
        {
            attributes.Add(new SsrcGroup(SsrcGroup.FlowIdentification, [outbound.Ssrc, rtx]).ToAttribute());
        }

        attributes.Add(new SsrcLine(outbound.Ssrc, "cname", cname).ToAttribute());
        attributes.Add(new SsrcLine(outbound.Ssrc, "msid", msid).ToAttribute());
        if (rtxSsrc is { } rtxLines)
        {
            attributes.Add(new SsrcLine(rtxLines, "cname", cname).ToAttribute());
            attributes.Add(new SsrcLine(rtxLines, "msid", msid).ToAttribute());
        }
    }
}
