namespace Relay.Media.Recording;

/// <summary>
/// How a recording asks its party for a key frame (the relay sends a PLI). Called on the
/// recording's writer task, never on the forwarding path; implementations must be thread-safe.
/// </summary>
public interface IRecordingKeyFrameRequester
{
    void RequestKeyFrame(uint mediaSsrc);
}
