using Relay.Media.Recording;

namespace Relay.Media.Sessions;

// Recording taps the router: it sees each leg's packets as the browser sent them, before the
// first receiver's rewrite of SSRC, sequence and payload type.
public sealed partial class MediaSession
{
    private static void Record(MediaLeg from, MediaKind kind, ReadOnlySpan<byte> packet)
    {
        if (from.Recorder is not { } recorder)
        {
            return;
        }

        _ = kind == MediaKind.Audio ? recorder.OnAudioRtp(packet) : recorder.OnVideoRtp(packet);
    }

    private static void RecordRtcp(MediaLeg from, ReadOnlySpan<byte> compound) => from.Recorder?.OnRtcp(compound);
}
