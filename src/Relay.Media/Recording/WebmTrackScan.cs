namespace Relay.Media.Recording;

/// <summary>One track as <see cref="WebmFinalizer"/> finds it: where its entry is, and what its blocks hold.</summary>
internal sealed class WebmTrackScan
{
    public int Number { get; set; }

    public int Type { get; set; }

    /// <summary>The TrackEntry element, header included, so an empty track can be voided.</summary>
    public long EntryAt { get; set; }

    public int EntryLength { get; set; }

    /// <summary>Where the PixelWidth / PixelHeight values are, and their widths (−1 when absent).</summary>
    public long WidthAt { get; set; } = -1;

    public int WidthLength { get; set; }

    public long HeightAt { get; set; } = -1;

    public int HeightLength { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public int FirstKeyWidth { get; set; }

    public int FirstKeyHeight { get; set; }

    public long Frames { get; set; }

    public long LastTime { get; set; }

    /// <summary>Gap between the last two frames: the best guess of the last video frame's duration.</summary>
    public long LastDelta { get; set; }

    /// <summary>End of the track's last frame, in ms.</summary>
    public double EndTime { get; set; }
}
