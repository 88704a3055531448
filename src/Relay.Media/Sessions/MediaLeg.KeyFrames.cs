using Relay.Media.Rtcp;

namespace Relay.Media.Sessions;

// Key-frame requests towards this leg's browser (the sender of the stream).
public sealed partial class MediaLeg
{
    /// <summary>
    /// Every receiver of a stream may ask for a key frame when it loses one; the sender need
    /// hear it only once per interval, or a lossy receiver would make it send nothing but key frames.
    /// </summary>
    private const long KeyFrameRequestIntervalMs = 500;

    private long _lastKeyFrameRequest = long.MinValue / 2;
    private long _keyFrameRequestsSent;

    /// <summary>SSRC the relay's own RTCP to this browser carries when it is about no track of ours.</summary>
    private uint RtcpSenderSsrc => VideoOut?.Ssrc ?? AudioOut?.Ssrc ?? 1;

    internal IEnumerable<OutboundTrack> OutboundTracks
    {
        get
        {
            if (AudioOut is not null)
            {
                yield return AudioOut;
            }

            if (VideoOut is not null)
            {
                yield return VideoOut;
            }
        }
    }

    /// <summary>True when the browser announced this SSRC; the table is fixed at creation, so no lock is needed.</summary>
    internal bool HasInboundSource(uint ssrc) => _inbound.ContainsKey(ssrc);

    /// <summary>Sends a PLI for one of this browser's streams, at most once per interval unless forced.</summary>
    internal void RequestKeyFrame(uint mediaSsrc, bool force)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastKeyFrameRequest);
        if (!force && now - last < KeyFrameRequestIntervalMs)
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[PliPacket.Size];
        // Only a PLI that went out starts the interval: one asked of a leg still connecting is
        // not sent, and must not hold back the next receiver's request.
        if (new PliWriter(RtcpSenderSsrc, mediaSsrc).TryWriteTo(buffer, out var written) && SendRtcp(buffer[..written]))
        {
            Interlocked.Exchange(ref _lastKeyFrameRequest, now);
            Interlocked.Increment(ref _keyFrameRequestsSent);
        }
    }

    /// <summary>PLIs sent to this browser (diagnostics and tests).</summary>
    public long KeyFrameRequestsSent => Interlocked.Read(ref _keyFrameRequestsSent);
}
