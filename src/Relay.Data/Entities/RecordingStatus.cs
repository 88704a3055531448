namespace Relay.Data.Entities;

/// <summary>Where a recording file is in its life; only the jobs move it past Recording.</summary>
public enum RecordingStatus
{
    /// <summary>The relay is writing the file (or was, until a crash: the recovery job finds those).</summary>
    Recording = 0,

    /// <summary>The writer has closed the file; the finalise job has yet to add duration and cues.</summary>
    Finalising = 1,

    /// <summary>Finalised and playable.</summary>
    Ready = 2,

    /// <summary>Nothing playable could be made; <see cref="Recording.FailureReason"/> says why.</summary>
    Failed = 3,
}
