using Relay.Media.Recording;

namespace Relay.Media.Sessions;

// The recording of what this leg's browser sends. The router hands the recorder each decrypted
// packet before forwarding rewrites it (MediaSession.Recording.cs); the recorder only copies and
// queues, so the forwarding path never waits for the disk.
public sealed partial class MediaLeg : IRecordingKeyFrameRequester
{
    private RecordingSession? _recorder;

    /// <summary>
    /// Where this leg's inbound media is recorded, or null. Set and cleared by the call's owner
    /// off the forwarding path; the receive thread reads it once per packet (volatile, no lock).
    /// </summary>
    public RecordingSession? Recorder
    {
        get => Volatile.Read(ref _recorder);
        set => Volatile.Write(ref _recorder, value);
    }

    /// <summary>What a recording of this leg can hold: the relay negotiates only Opus and VP8, so whatever the offer carried.</summary>
    public RecordingOptions RecordingOptions() => new()
    {
        Audio = Audio is not null,
        Video = Video is not null,
        OpusChannels = Audio?.Channels ?? 2,
    };

    /// <summary>Asks the browser for a key frame now, so a recording that starts mid-call has a first frame to start from.</summary>
    public void RequestVideoKeyFrame()
    {
        if (FirstInboundSsrc(MediaKind.Video) is { } ssrc)
        {
            RequestKeyFrame(ssrc, force: true);
        }
    }

    // The recording's writer asks after a loss; rate-limited together with the receivers' requests.
    void IRecordingKeyFrameRequester.RequestKeyFrame(uint mediaSsrc) => RequestKeyFrame(mediaSsrc, force: false);
}
