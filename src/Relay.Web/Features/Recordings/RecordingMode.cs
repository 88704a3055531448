namespace Relay.Web.Features.Recordings;

/// <summary>Who decides whether a call is recorded (<c>Recording:Mode</c>).</summary>
public enum RecordingMode
{
    /// <summary>Either party may start and stop recording.</summary>
    Optional,

    /// <summary>Every connected call is recorded from the start; nobody can stop it.</summary>
    Always,

    /// <summary>No call is recorded.</summary>
    Forbidden,
}
