namespace Relay.Media.Tests.Sdp;

/// <summary>SDP captured from real browsers, kept as text so no csproj item is needed.</summary>
internal static class SdpFixtures
{
    /// <summary>
    /// A Chromium 156 offer (audio + video, BUNDLE, actpass), /work/shared/design/chromium-offer.sdp.
    /// The literal holds LF line ends; <see cref="ChromiumOffer"/> gives the CRLF text Chromium sends.
    /// </summary>
    private const string ChromiumOfferLf = """
        v=0
        o=- 280443319798898517 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1
        a=extmap-allow-mixed
        a=msid-semantic: WMS 90ac7ec8-a7a8-4207-9c77-9e0dba4b35e2
        m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:qbml
        a=ice-pwd:zDTB1puWZThc8ENdqNMbsPcA
        a=ice-options:trickle
        a=fingerprint:sha-256 5C:B2:8A:0B:29:86:2E:AB:A8:3A:6D:2A:07:09:7B:91:2D:21:19:5A:F3:3B:AB:D1:1E:AA:28:2B:45:A9:18:31
        a=setup:actpass
        a=mid:0
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=sendrecv
        a=msid:90ac7ec8-a7a8-4207-9c77-9e0dba4b35e2 7cb7134b-9448-4e45-9e47-bbc0879dd222
        a=rtcp-mux
        a=rtcp-rsize
        a=rtcp-xr:rcvr-rtt=all
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:63 red/48000/2
        a=fmtp:63 111/111
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:13 CN/8000
        a=rtpmap:110 telephone-event/48000
        a=rtpmap:126 telephone-event/8000
        a=ssrc:838303741 cname:9OVZsVN+wxe7tmCJ
        a=ssrc:838303741 msid:90ac7ec8-a7a8-4207-9c77-9e0dba4b35e2 7cb7134b-9448-4e45-9e47-bbc0879dd222
        m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:qbml
        a=ice-pwd:zDTB1puWZThc8ENdqNMbsPcA
        a=ice-options:trickle
        a=fingerprint:sha-256 5C:B2:8A:0B:29:86:2E:AB:A8:3A:6D:2A:07:09:7B:91:2D:21:19:5A:F3:3B:AB:D1:1E:AA:28:2B:45:A9:18:31
        a=setup:actpass
        a=mid:1
        a=extmap:14 urn:ietf:params:rtp-hdrext:toffset
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:13 urn:3gpp:video-orientation
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
        a=extmap:6 http://www.webrtc.org/experiments/rtp-hdrext/video-content-type
        a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/video-timing
        a=extmap:8 http://www.webrtc.org/experiments/rtp-hdrext/color-space
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
        a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
        a=sendrecv
        a=msid:90ac7ec8-a7a8-4207-9c77-9e0dba4b35e2 8625301f-c9d0-4796-b05b-c68c0573b44d
        a=rtcp-mux
        a=rtcp-rsize
        a=rtcp-xr:rcvr-rtt=all
        a=rtpmap:96 VP8/90000
        a=rtcp-fb:96 goog-remb
        a=rtcp-fb:96 transport-cc
        a=rtcp-fb:96 ccm fir
        a=rtcp-fb:96 nack
        a=rtcp-fb:96 nack pli
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=96
        a=rtpmap:102 H264/90000
        a=rtcp-fb:102 goog-remb
        a=rtcp-fb:102 transport-cc
        a=rtcp-fb:102 ccm fir
        a=rtcp-fb:102 nack
        a=rtcp-fb:102 nack pli
        a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f
        a=rtpmap:103 rtx/90000
        a=fmtp:103 apt=102
        a=rtpmap:104 H264/90000
        a=rtcp-fb:104 goog-remb
        a=rtcp-fb:104 transport-cc
        a=rtcp-fb:104 ccm fir
        a=rtcp-fb:104 nack
        a=rtcp-fb:104 nack pli
        a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f
        a=rtpmap:107 rtx/90000
        a=fmtp:107 apt=104
        a=rtpmap:108 H264/90000
        a=rtcp-fb:108 goog-remb
        a=rtcp-fb:108 transport-cc
        a=rtcp-fb:108 ccm fir
        a=rtcp-fb:108 nack
        a=rtcp-fb:108 nack pli
        a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
        a=rtpmap:109 rtx/90000
        a=fmtp:109 apt=108
        a=rtpmap:114 H264/90000
        a=rtcp-fb:114 goog-remb
        a=rtcp-fb:114 transport-cc
        a=rtcp-fb:114 ccm fir
        a=rtcp-fb:114 nack
        a=rtcp-fb:114 nack pli
        a=fmtp:114 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f
        a=rtpmap:115 rtx/90000
        a=fmtp:115 apt=114
        a=rtpmap:116 H264/90000
        a=rtcp-fb:116 goog-remb
        a=rtcp-fb:116 transport-cc
        a=rtcp-fb:116 ccm fir
        a=rtcp-fb:116 nack
        a=rtcp-fb:116 nack pli
        a=fmtp:116 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f
        a=rtpmap:117 rtx/90000
        a=fmtp:117 apt=116
        a=rtpmap:39 H264/90000
        a=rtcp-fb:39 goog-remb
        a=rtcp-fb:39 transport-cc
        a=rtcp-fb:39 ccm fir
        a=rtcp-fb:39 nack
        a=rtcp-fb:39 nack pli
        a=fmtp:39 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=4d001f
        a=rtpmap:40 rtx/90000
        a=fmtp:40 apt=39
        a=rtpmap:45 AV1/90000
        a=rtcp-fb:45 goog-remb
        a=rtcp-fb:45 transport-cc
        a=rtcp-fb:45 ccm fir
        a=rtcp-fb:45 nack
        a=rtcp-fb:45 nack pli
        a=fmtp:45 level-idx=5;profile=0;tier=0
        a=rtpmap:46 rtx/90000
        a=fmtp:46 apt=45
        a=rtpmap:98 VP9/90000
        a=rtcp-fb:98 goog-remb
        a=rtcp-fb:98 transport-cc
        a=rtcp-fb:98 ccm fir
        a=rtcp-fb:98 nack
        a=rtcp-fb:98 nack pli
        a=fmtp:98 profile-id=0
        a=rtpmap:99 rtx/90000
        a=fmtp:99 apt=98
        a=rtpmap:100 VP9/90000
        a=rtcp-fb:100 goog-remb
        a=rtcp-fb:100 transport-cc
        a=rtcp-fb:100 ccm fir
        a=rtcp-fb:100 nack
        a=rtcp-fb:100 nack pli
        a=fmtp:100 profile-id=2
        a=rtpmap:101 rtx/90000
        a=fmtp:101 apt=100
        a=rtpmap:118 red/90000
        a=rtpmap:119 rtx/90000
        a=fmtp:119 apt=118
        a=rtpmap:120 ulpfec/90000
        a=ssrc-group:FID 2883432329 721358159
        a=ssrc:2883432329 cname:9OVZsVN+wxe7tmCJ
        a=ssrc:2883432329 msid:90ac7ec8-a7a8-4207-9c77-9e0dba4b35e2 8625301f-c9d0-4796-b05b-c68c0573b44d
        a=ssrc:721358159 cname:9OVZsVN+wxe7tmCJ
        a=ssrc:721358159 msid:90ac7ec8-a7a8-4207-9c77-9e0dba4b35e2 8625301f-c9d0-4796-b05b-c68c0573b44d
        """;

    /// <summary>The Chromium offer exactly as sent: CRLF after every line, including the last.</summary>
    public static string ChromiumOffer { get; } = ChromiumOfferLf.ReplaceLineEndings("\r\n") + "\r\n";

    /// <summary>Audio only, no BUNDLE, ICE and DTLS attributes at session level (allowed by RFC 8839 §5.4 and RFC 8122 §5).</summary>
    private const string AudioOnlyOfferLf = """
        v=0
        o=mozilla...THIS_IS_SDPARTA-99.0 5521542155218855012 0 IN IP4 0.0.0.0
        s=-
        t=0 0
        a=fingerprint:sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99
        a=ice-options:trickle
        a=ice-ufrag:a1b2c3d4
        a=ice-pwd:0123456789abcdef0123456789abcdef
        a=setup:actpass
        a=msid-semantic:WMS *
        m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101
        c=IN IP4 0.0.0.0
        a=sendrecv
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid
        a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1
        a=fmtp:101 0-15
        a=mid:0
        a=msid:{5f0a} {7e1b}
        a=rtcp-mux
        a=rtpmap:109 opus/48000/2
        a=rtpmap:9 G722/8000/1
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=ssrc:123456 cname:{c0ffee}
        a=candidate:0 1 UDP 2122252543 198.51.100.7 50000 typ host
        """;

    /// <summary>Video offering only H.264: Main profile first, then Baseline, then Constrained Baseline.</summary>
    private const string H264OfferLf = """
        v=0
        o=- 1 1 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE v
        m=video 9 UDP/TLS/RTP/SAVPF 116 117 102 103 104 105 108 109
        c=IN IP4 0.0.0.0
        a=ice-ufrag:qbml
        a=ice-pwd:zDTB1puWZThc8ENdqNMbsPcA
        a=fingerprint:sha-256 5C:B2:8A:0B:29:86:2E:AB:A8:3A:6D:2A:07:09:7B:91:2D:21:19:5A:F3:3B:AB:D1:1E:AA:28:2B:45:A9:18:31
        a=setup:actpass
        a=mid:v
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=recvonly
        a=rtcp-mux
        a=rtpmap:116 H264/90000
        a=rtcp-fb:116 nack
        a=fmtp:116 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f
        a=rtpmap:117 rtx/90000
        a=fmtp:117 apt=116
        a=rtpmap:102 H264/90000
        a=rtcp-fb:102 nack
        a=rtcp-fb:102 nack pli
        a=rtcp-fb:102 goog-lntf
        a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f
        a=rtpmap:103 rtx/90000
        a=fmtp:103 apt=102
        a=rtpmap:104 H264/90000
        a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f
        a=rtpmap:105 rtx/90000
        a=fmtp:105 apt=104
        a=rtpmap:108 H264/90000
        a=rtcp-fb:108 nack pli
        a=rtcp-fb:108 ccm fir
        a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
        a=rtpmap:109 rtx/90000
        a=fmtp:109 apt=108
        """;

    private const string DataChannelSectionLf = """
        m=application 9 UDP/DTLS/SCTP webrtc-datachannel
        c=IN IP4 0.0.0.0
        a=ice-ufrag:qbml
        a=ice-pwd:zDTB1puWZThc8ENdqNMbsPcA
        a=fingerprint:sha-256 5C:B2:8A:0B:29:86:2E:AB:A8:3A:6D:2A:07:09:7B:91:2D:21:19:5A:F3:3B:AB:D1:1E:AA:28:2B:45:A9:18:31
        a=setup:actpass
        a=mid:2
        a=sctp-port:5000
        a=max-message-size:262144

        """;

    /// <summary>Firefox-style audio-only offer, CRLF.</summary>
    public static string AudioOnlyOffer { get; } = Crlf(AudioOnlyOfferLf);

    /// <summary>H.264-only video offer, CRLF.</summary>
    public static string H264Offer { get; } = Crlf(H264OfferLf);

    /// <summary>A data-channel media section to append to an offer, CRLF.</summary>
    public static string DataChannelSection { get; } = Crlf(DataChannelSectionLf);

    private static string Crlf(string lf) => lf.TrimEnd('\n').ReplaceLineEndings("\r\n") + "\r\n";
}
