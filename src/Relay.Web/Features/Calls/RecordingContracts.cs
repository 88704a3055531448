namespace Relay.Web.Features.Calls;

/// <summary>
/// recordingStarted / recordingStopped, to both parties: the call window shows the indicator
/// and a notice. <paramref name="ByName"/> is who started or stopped it, empty when the server did
/// (Recording:Mode = Always, or the call ended).
/// </summary>
public sealed record RecordingStateDto(Guid CallId, Guid SessionId, bool Recording, string ByName, bool CanStop);
