namespace Relay.Media.Sdp;

/// <summary>
/// Answers a browser's offer as the relay: an ICE-lite agent (RFC 8445 §2.5) and DTLS server
/// (RFC 5763 §5) that bundles every accepted section onto one transport (RFC 8843) and picks
/// one codec per section (see <see cref="CodecSelector"/>). JSEP answer rules: RFC 8829 §5.3.
/// </summary>
public static class SdpAnswerer
{
    /// <summary>Parses the offer text, then answers it. Bad SDP gives false and a readable error.</summary>
    public static bool TryCreateAnswer(
        string? offerSdp, RelayAnswerParameters local, out NegotiatedSession? result, out string? error)
    {
        result = null;
        if (!SessionDescription.TryParse(offerSdp, out var offer, out error))
        {
            error = "offer: " + error;
            return false;
        }

        return TryCreateAnswer(offer!, local, out result, out error);
    }

    /// <summary>
    /// Answers a parsed offer. Returns false with an error a person can read when the offer
    /// cannot be served; <paramref name="local"/> is the relay's own configuration, so invalid
    /// values there throw <see cref="ArgumentException"/>.
    /// </summary>
    public static bool TryCreateAnswer(
        SessionDescription offer, RelayAnswerParameters local, out NegotiatedSession? result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        RelayAnswerParametersValidator.Validate(local);
        result = null;
        if (offer.MediaDescriptions.Count == 0)
        {
            error = "offer has no media sections";
            return false;
        }

        if (!OfferMids.TryCheck(offer, out error))
        {
            return false;
        }

        var bundle = offer.GetBundleGroup();
        var codecs = new SelectedCodec?[offer.MediaDescriptions.Count];
        var rejected = new List<RejectedMedia>();
        var accepted = new List<MediaDescription>();
        for (var i = 0; i < codecs.Length; i++)
        {
            var media = offer.MediaDescriptions[i];
            var reason = RejectionReason(media, bundle, out codecs[i]);
            if (reason is null)
            {
                accepted.Add(media);
            }
            else
            {
                rejected.Add(new RejectedMedia(i, media.Mid, media.Kind, reason));
            }
        }

        if (!TryCheckAccepted(accepted, rejected, bundle, out error))
        {
            return false;
        }

        var tagged = TaggedSection(accepted, bundle);
        if (!RemoteTransport.TryRead(offer, tagged, accepted, out var transport, out error))
        {
            return false;
        }

        // a=extmap-allow-mixed is not echoed: without it the browser does not mix one-byte and
        // two-byte header extensions in one stream (RFC 8285 §6), which keeps rewriting simple.
        var answer = new SessionDescription(new SdpOrigin("-", local.SessionId, local.SessionVersion, "IN", "IP4", "127.0.0.1"));
        answer.Fields.Add(new SdpField('t', "0 0"));
        answer.Attributes.Add(SdpAttributeNames.IceLite);
        var bundleMids = AnswerBundleMids(accepted, bundle);
        if (bundle is not null)
        {
            answer.Attributes.Add(new SdpGroup(SdpGroup.Bundle, bundleMids).ToAttribute());
        }

        var address = DefaultAddress(local.Candidates);
        var negotiated = new List<NegotiatedMedia>(accepted.Count);
        for (var i = 0; i < codecs.Length; i++)
        {
            var offered = offer.MediaDescriptions[i];
            // A codec is only selected for sections that pass every other check.
            if (codecs[i] is { } codec)
            {
                answer.MediaDescriptions.Add(AnswerMediaBuilder.BuildAccepted(offered, codec, local, address, out var media));
                negotiated.Add(media);
            }
            else
            {
                answer.MediaDescriptions.Add(AnswerMediaBuilder.BuildRejected(offered));
            }
        }

        result = new NegotiatedSession
        {
            Answer = answer,
            Media = negotiated,
            Rejected = rejected,
            BundleMids = bundleMids,
            RemoteIceUfrag = transport!.Ufrag,
            RemoteIcePwd = transport.Pwd,
            RemoteFingerprint = transport.Fingerprint,
            RemoteSetup = transport.Setup,
            RemoteCandidates = tagged.GetCandidates(),
        };
        return true;
    }

    /// <summary>Why a section is answered with port 0, or null when it is accepted.</summary>
    private static string? RejectionReason(MediaDescription media, SdpGroup? bundle, out SelectedCodec? codec)
    {
        codec = null;
        if (!OfferMids.IsLive(media))
        {
            return "the offer disabled it (port 0)";
        }

        if (media.Kind is not (MediaDescription.Audio or MediaDescription.Video))
        {
            return $"the relay does not carry {media.Kind} sections";
        }

        if (!IsDtlsSrtpProtocol(media.Protocol))
        {
            return $"protocol {media.Protocol} is not DTLS-SRTP";
        }

        if (bundle is not null && !Contains(bundle.Mids, media.Mid!))
        {
            return "it is not in the offer's BUNDLE group and the relay serves one transport";
        }

        if (!CodecSelector.TrySelect(media, out codec))
        {
            return media.Kind == MediaDescription.Audio
                ? "no Opus (opus/48000/2) offered"
                : "neither VP8 nor H.264 packetization-mode=1 with profile 42e01f or 42001f offered";
        }

        return null;
    }

    private static bool TryCheckAccepted(
        List<MediaDescription> accepted, List<RejectedMedia> rejected, SdpGroup? bundle, out string? error)
    {
        if (accepted.Count == 0)
        {
            var reasons = new List<string>(rejected.Count);
            foreach (var media in rejected)
            {
                reasons.Add($"mid {media.Mid ?? "(none)"} ({media.Kind}): {media.Reason}");
            }

            error = "offer has no audio or video section the relay can accept: " + string.Join("; ", reasons);
            return false;
        }

        if (bundle is null && accepted.Count > 1)
        {
            error = "offer has several media sections but no a=group:BUNDLE; the relay serves all media over one transport (RFC 8843)";
            return false;
        }

        foreach (var media in accepted)
        {
            if (!media.IsRtcpMux)
            {
                error = $"mid {media.Mid} ({media.Kind}) has no a=rtcp-mux; the relay needs RTP and RTCP on one port (RFC 5761, RFC 8829 §5.1.3)";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>The offerer-tagged section: the first mid of the BUNDLE group that is accepted (RFC 8843).</summary>
    private static MediaDescription TaggedSection(List<MediaDescription> accepted, SdpGroup? bundle)
    {
        if (bundle is not null)
        {
            foreach (var mid in bundle.Mids)
            {
                foreach (var media in accepted)
                {
                    if (media.Mid == mid)
                    {
                        return media;
                    }
                }
            }
        }

        return accepted[0];
    }

    /// <summary>
    /// The accepted mids in the offer's group order, so the first one, which tags the transport,
    /// stays the offerer's tagged section whenever it is accepted (RFC 8843).
    /// </summary>
    private static List<string> AnswerBundleMids(List<MediaDescription> accepted, SdpGroup? bundle)
    {
        var mids = new List<string>(accepted.Count);
        if (bundle is null)
        {
            return mids;
        }

        foreach (var mid in bundle.Mids)
        {
            foreach (var media in accepted)
            {
                if (media.Mid == mid && !mids.Contains(mid))
                {
                    mids.Add(mid);
                }
            }
        }

        return mids;
    }

    /// <summary>RTP over DTLS-SRTP: RFC 5764 §8 (UDP) and RFC 7850 (TCP) protocol names.</summary>
    private static bool IsDtlsSrtpProtocol(string protocol) =>
        protocol is "UDP/TLS/RTP/SAVPF" or "UDP/TLS/RTP/SAVP" or "TCP/DTLS/RTP/SAVPF" or "TCP/DTLS/RTP/SAVP";

    /// <summary>The first UDP candidate as m=/c= default (RFC 8839), else JSEP's placeholder.</summary>
    private static AnswerMediaBuilder.DefaultAddress DefaultAddress(IReadOnlyList<IceCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.IsUdp)
            {
                var addressType = candidate.Address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4";
                return new(candidate.Port, $"IN {addressType} {candidate.Address}");
            }
        }

        return new(9, "IN IP4 0.0.0.0");
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var item in values)
        {
            if (item == value)
            {
                return true;
            }
        }

        return false;
    }
}
