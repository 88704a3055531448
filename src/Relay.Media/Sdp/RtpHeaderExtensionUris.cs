namespace Relay.Media.Sdp;

/// <summary>The RTP header extensions the relay understands (URIs from the RFC 8285 registry and WebRTC).</summary>
public static class RtpHeaderExtensionUris
{
    /// <summary>The media section an RTP packet belongs to, RFC 8843</summary>
    public const string Mid = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /// <summary>24-bit 6.18 fixed-point send time used by REMB bandwidth estimation.</summary>
    public const string AbsSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /// <summary>Transport-wide sequence number for transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01).</summary>
    public const string TransportWideCc = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
}
