namespace Relay.Media.Sdp;

/// <summary>
/// What the media plane needs to know about one accepted media section: the single codec
/// both sides use, the header extension ids, the feedback agreed, and the SSRCs announced.
/// </summary>
public sealed class NegotiatedMedia
{
    public required string Mid { get; init; }

    /// <summary><see cref="MediaDescription.Audio"/> or <see cref="MediaDescription.Video"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The relay's direction in the answer (the offer's, mirrored).</summary>
    public required MediaDirection Direction { get; init; }

    public required int PayloadType { get; init; }

    /// <summary>The encoding name as offered, e.g. <c>opus</c>, <c>VP8</c>, <c>H264</c>.</summary>
    public required string Codec { get; init; }

    public required int ClockRate { get; init; }

    public int? Channels { get; init; }

    /// <summary>The codec's fmtp parameters as offered and answered, e.g. <c>minptime=10;useinbandfec=1</c>.</summary>
    public string? CodecParameters { get; init; }

    /// <summary>The RTX payload type for the codec (RFC 4588), when offered.</summary>
    public int? RtxPayloadType { get; init; }

    public int? MidExtensionId { get; init; }

    public int? AbsSendTimeExtensionId { get; init; }

    public int? TransportWideCcExtensionId { get; init; }

    /// <summary>The rtcp-fb lines kept in the answer (nack, nack pli, ccm fir, goog-remb, transport-cc).</summary>
    public IReadOnlyList<RtcpFeedback> RtcpFeedback { get; init; } = [];

    /// <summary>Reduced-size RTCP was agreed (RFC 5506).</summary>
    public bool RtcpReducedSize { get; init; }

    /// <summary>The SSRCs the browser announced it sends here.</summary>
    public IReadOnlyList<RemoteSource> RemoteSources { get; init; } = [];

    /// <summary>The stream the relay announced it sends here, if any.</summary>
    public OutboundSource? Outbound { get; init; }

    public bool HasFeedback(string type, string? parameter = null)
    {
        foreach (var feedback in RtcpFeedback)
        {
            if (feedback.Type == type && feedback.Parameter == parameter)
            {
                return true;
            }
        }

        return false;
    }
}
