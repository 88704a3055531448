namespace Relay.Data.Entities;

/// <summary>One party's media of one recorded stretch of a call: one WebM file.</summary>
public sealed class Recording
{
    public Guid Id { get; set; }

    public Guid CallId { get; set; }

    public CallRecord Call { get; set; } = null!;

    /// <summary>Both parties' files of one "start recording" share it (and one call clock), so they are played together.</summary>
    public Guid SessionId { get; set; }

    /// <summary>The party whose media the file holds.</summary>
    public string UserId { get; set; } = "";

    public AppUser User { get; set; } = null!;

    /// <summary>Relative to the recordings directory (Storage:DataDirectory/recordings), so the data directory can move.</summary>
    public string FilePath { get; set; } = "";

    /// <summary>The container, "webm".</summary>
    public string Format { get; set; } = "";

    public RecordingStatus Status { get; set; }

    /// <summary>Octets of the finished file.</summary>
    public long? SizeBytes { get; set; }

    /// <summary>From the session's call-clock origin to the end of the last frame.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>When the party's first frame plays on the session's call clock.</summary>
    public TimeSpan? FirstFrame { get; set; }

    public bool HasVideo { get; set; }

    public string? FailureReason { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the writer stopped (or, after a crash, when recovery found it).</summary>
    public DateTime? EndedAt { get; set; }
}
