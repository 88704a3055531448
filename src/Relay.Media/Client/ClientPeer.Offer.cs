using System.Text;

namespace Relay.Media.Client;

// The offer: what Chromium 156 sends (/work/shared/design/chromium-offer.sdp), cut down to the
// codecs the relay selects (Opus, VP8) and the extensions it keeps.
public sealed partial class ClientPeer
{
    public const byte OpusPayloadType = 111;

    public const byte Vp8PayloadType = 96;

    public const byte Vp8RtxPayloadType = 97;

    /// <summary>
    /// A BUNDLE offer (RFC 8843) with audio (mid 0, Opus) and, unless
    /// <see cref="ClientPeerOptions.AudioOnly"/>, video (mid 1, VP8 with nack and RTX unless
    /// <see cref="ClientPeerOptions.OfferNack"/> or <see cref="ClientPeerOptions.OfferRtx"/> say otherwise), rtcp-mux and
    /// rtcp-rsize, our ICE credentials, our certificate's fingerprint (or the configured lie),
    /// <c>a=setup:actpass</c> (RFC 5763 §5) and a=ssrc/msid lines for what we send (RFC 5576, RFC 8830).
    /// </summary>
    public string CreateOffer()
    {
        var stream = Guid.NewGuid().ToString();
        var cname = LocalIce.Ufrag + "-cname";
        var fingerprint = (_options.AnnouncedFingerprint ?? Certificate.Fingerprint).ToSdpValue();
        var sdp = new StringBuilder();
        Line(sdp, $"v=0");
        Line(sdp, $"o=- {RandomSsrc()} 2 IN IP4 127.0.0.1");
        Line(sdp, $"s=-");
        Line(sdp, $"t=0 0");
        Line(sdp, _options.AudioOnly ? "a=group:BUNDLE 0" : "a=group:BUNDLE 0 1");
        Line(sdp, $"a=extmap-allow-mixed");
        Line(sdp, $"a=msid-semantic: WMS {stream}");

        Line(sdp, $"m=audio 9 UDP/TLS/RTP/SAVPF {OpusPayloadType}");
        Transport(sdp, "0", fingerprint);
        Line(sdp, $"a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        Line(sdp, $"a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        Line(sdp, $"a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
        Line(sdp, $"a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid");
        var audioTrack = Guid.NewGuid().ToString();
        Line(sdp, $"a=sendrecv");
        Line(sdp, $"a=msid:{stream} {audioTrack}");
        Line(sdp, $"a=rtcp-mux");
        Line(sdp, $"a=rtcp-rsize");
        Line(sdp, $"a=rtpmap:{OpusPayloadType} opus/48000/2");
        Line(sdp, $"a=rtcp-fb:{OpusPayloadType} transport-cc");
        Line(sdp, $"a=fmtp:{OpusPayloadType} minptime=10;useinbandfec=1");
        Ssrc(sdp, AudioSsrc, cname, stream, audioTrack);
        if (_options.AudioOnly)
        {
            return sdp.ToString();
        }

        Line(sdp, _options.OfferRtx ? $"m=video 9 UDP/TLS/RTP/SAVPF {Vp8PayloadType} {Vp8RtxPayloadType}" : $"m=video 9 UDP/TLS/RTP/SAVPF {Vp8PayloadType}");
        Transport(sdp, "1", fingerprint);
        Line(sdp, $"a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        Line(sdp, $"a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
        Line(sdp, $"a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid");
        var videoTrack = Guid.NewGuid().ToString();
        Line(sdp, $"a=sendrecv");
        Line(sdp, $"a=msid:{stream} {videoTrack}");
        Line(sdp, $"a=rtcp-mux");
        Line(sdp, $"a=rtcp-rsize");
        Line(sdp, $"a=rtpmap:{Vp8PayloadType} VP8/90000");
        foreach (var feedback in (string[])["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"])
        {
            if (_options.OfferNack || feedback != "nack")
            {
                Line(sdp, $"a=rtcp-fb:{Vp8PayloadType} {feedback}");
            }
        }

        if (!_options.OfferRtx)
        {
            Ssrc(sdp, VideoSsrc, cname, stream, videoTrack);
            return sdp.ToString();
        }

        Line(sdp, $"a=rtpmap:{Vp8RtxPayloadType} rtx/90000");
        Line(sdp, $"a=fmtp:{Vp8RtxPayloadType} apt={Vp8PayloadType}");
        Line(sdp, $"a=ssrc-group:FID {VideoSsrc} {VideoRtxSsrc}");
        Ssrc(sdp, VideoSsrc, cname, stream, videoTrack);
        Ssrc(sdp, VideoRtxSsrc, cname, stream, videoTrack);
        return sdp.ToString();
    }

    private void Transport(StringBuilder sdp, string mid, string fingerprint)
    {
        Line(sdp, $"c=IN IP4 0.0.0.0");
        Line(sdp, $"a=rtcp:9 IN IP4 0.0.0.0");
        Line(sdp, $"a=ice-ufrag:{LocalIce.Ufrag}");
        Line(sdp, $"a=ice-pwd:{LocalIce.Password}");
        Line(sdp, $"a=ice-options:trickle");
        Line(sdp, $"a=fingerprint:{fingerprint}");
        Line(sdp, $"a=setup:actpass");
        Line(sdp, $"a=mid:{mid}");
    }

    private static void Ssrc(StringBuilder sdp, uint ssrc, string cname, string stream, string track)
    {
        Line(sdp, $"a=ssrc:{ssrc} cname:{cname}");
        Line(sdp, $"a=ssrc:{ssrc} msid:{stream} {track}");
    }

    /// <summary>SDP lines end in CRLF (RFC 8866 §5). The process runs with invariant globalization, so numbers format plainly.</summary>
    private static void Line(StringBuilder sdp, string line) => sdp.Append(line).Append("\r\n");
}
