using Relay.Media.Recording;
using Relay.Media.Sessions;

namespace Relay.Web.Features.Recordings;

/// <summary>
/// One party's file of a live recording. The party's leg can be replaced mid-call (a new offer),
/// so key-frame requests go to whichever leg carries the party now.
/// </summary>
internal sealed class RecordedParty(Guid recordingId, string userId, MediaLeg leg) : IRecordingKeyFrameRequester
{
    private MediaLeg _leg = leg;

    public Guid RecordingId { get; } = recordingId;

    public string UserId { get; } = userId;

    public MediaLeg Leg
    {
        get => Volatile.Read(ref _leg);
        set => Volatile.Write(ref _leg, value);
    }

    public RecordingSession? Session { get; set; }

    public void RequestKeyFrame(uint mediaSsrc) => ((IRecordingKeyFrameRequester)Leg).RequestKeyFrame(mediaSsrc);
}
