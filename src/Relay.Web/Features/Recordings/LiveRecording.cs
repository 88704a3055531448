using Relay.Media.Recording;

namespace Relay.Web.Features.Recordings;

/// <summary>A call being recorded on this node: both parties' files on one call clock.</summary>
internal sealed class LiveRecording(Guid sessionId, string startedBy)
{
    private int _stopping;

    public Guid SessionId { get; } = sessionId;

    public string StartedBy { get; } = startedBy;

    /// <summary>
    /// Time zero of both files. Set just before the files open, after the rows are written, so
    /// the database's latency does not become silence at the start of every file.
    /// </summary>
    public CallClock? Clock { get; set; }

    public List<RecordedParty> Parties { get; } = [];

    /// <summary>True for the one caller that gets to stop it.</summary>
    public bool TryBeginStop() => Interlocked.Exchange(ref _stopping, 1) == 0;
}
