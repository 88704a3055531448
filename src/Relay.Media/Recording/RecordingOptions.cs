namespace Relay.Media.Recording;

/// <summary>What a recording holds and how it trades latency for order.</summary>
public sealed class RecordingOptions
{
    /// <summary>Record the party's Opus audio.</summary>
    public bool Audio { get; init; } = true;

    /// <summary>Record the party's VP8 video (false for audio-only calls: an audio-only file).</summary>
    public bool Video { get; init; } = true;

    /// <summary>Channels announced in the Opus header; WebRTC's opus/48000/2 decodes to stereo.</summary>
    public int OpusChannels { get; init; } = 2;

    /// <summary>Packets the relay may queue ahead of the writer before it drops (and counts) them.</summary>
    public int QueueCapacity { get; init; } = 2048;

    /// <summary>How often the writer takes what the relay queued: more often costs wake-ups, less often needs a longer queue.</summary>
    public TimeSpan DrainInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a missing packet may hold back those after it before it is given up.</summary>
    public TimeSpan ReorderWindow { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a frame of one track waits for the other track to catch up, so blocks are written in time order.</summary>
    public TimeSpan InterleaveWindow { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest cluster when no key frame opens a new one (at most 32.767 s, the block timecode's reach).</summary>
    public TimeSpan MaxClusterDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often written data is pushed to the OS: the most a killed process can lose.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Least time between two key-frame requests while the video waits for one.</summary>
    public TimeSpan KeyFrameRequestInterval { get; init; } = TimeSpan.FromSeconds(1);
}
