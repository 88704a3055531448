using Microsoft.Win32.SafeHandles;

namespace Relay.Media.Recording;

// Writing the finished parts: Cues at the end, then the slots reserved at the start.
public static partial class WebmFinalizer
{
    /// <summary>Upper bound of one CuePoint: IDs, 4-octet master sizes, 8-octet values.</summary>
    private const int MaxCuePointLength = 48;

    private const int MaxSeekHeadReserve = 4096;

    /// <summary>Appends the Cues; returns their offset in the segment, or −1 when there is no cue.</summary>
    private static long WriteCues(Scan scan, SafeFileHandle file)
    {
        if (scan.Cues.Count == 0)
        {
            return -1;
        }

        var buffer = new byte[16 + (scan.Cues.Count * MaxCuePointLength)];
        var writer = new EbmlWriter(buffer);
        var cues = writer.StartMaster(MatroskaId.Cues);
        foreach (var cue in scan.Cues)
        {
            var point = writer.StartMaster(MatroskaId.CuePoint);
            writer.WriteUInt(MatroskaId.CueTime, (ulong)cue.TimeMs);
            var positions = writer.StartMaster(MatroskaId.CueTrackPositions);
            writer.WriteUInt(MatroskaId.CueTrack, (ulong)cue.Track);
            writer.WriteUInt(MatroskaId.CueClusterPosition, (ulong)cue.ClusterPosition);
            writer.EndMaster(positions);
            writer.EndMaster(point);
        }

        writer.EndMaster(cues);
        RandomAccess.Write(file, writer.Written, scan.ContentEnd);
        return scan.ContentEnd - scan.SegmentStart;
    }

    private static void WriteSegmentSize(Scan scan, SafeFileHandle file, long end)
    {
        // A size that does not fit a foreign file's narrow field stays as it was.
        TryPatchSize(file, scan.SegmentSizeAt, scan.SegmentSizeWidth, (ulong)(end - scan.SegmentStart));
    }

    /// <summary>Writes the Duration (ms, the timecode scale) over its reserved Void or its old value; returns it.</summary>
    private static double WriteDuration(Scan scan, SafeFileHandle file)
    {
        var duration = 0.0;
        foreach (var track in scan.Tracks)
        {
            duration = Math.Max(duration, track.EndTime);
        }

        Span<byte> element = stackalloc byte[WebmLayout.DurationElementLength];
        var writer = new EbmlWriter(element);
        writer.WriteFloat(MatroskaId.Duration, duration);
        if (scan.DurationValueAt >= 0)
        {
            RandomAccess.Write(file, element[^8..], scan.DurationValueAt);
        }
        else if (scan.DurationVoidAt >= 0)
        {
            RandomAccess.Write(file, element, scan.DurationVoidAt);
        }

        return duration;
    }

    private static void WriteSeekHead(Scan scan, SafeFileHandle file, long cuesAt)
    {
        // Our reserve is a few dozen octets; one much larger (or missing) is not ours to rewrite.
        if (scan.ReserveAt < 0 || scan.ReserveLength > MaxSeekHeadReserve)
        {
            return;
        }

        var buffer = new byte[MaxSeekHeadReserve];
        var writer = new EbmlWriter(buffer);
        WebmWriter.WriteSeekHead(ref writer, scan.InfoAt - scan.SegmentStart, scan.TracksAt - scan.SegmentStart, cuesAt);
        var rest = (int)scan.ReserveLength - writer.Position;
        if (rest is 1 or < 0)
        {
            // No room for the SeekHead and a Void to pad it: the old one stays.
            return;
        }

        if (rest > 0)
        {
            writer.WriteVoid(rest);
        }

        RandomAccess.Write(file, writer.Written, scan.ReserveAt);
    }

    /// <summary>
    /// Voids the entry of a track with no frame (a video call whose camera never sent one stays
    /// a playable audio file) and fills in a video size the writer never got to patch.
    /// </summary>
    private static void FinishTracks(Scan scan, SafeFileHandle file)
    {
        foreach (var track in scan.Tracks)
        {
            if (track.Frames == 0)
            {
                var filler = new byte[track.EntryLength];
                EbmlWriter.WriteVoid(filler, filler.Length);
                RandomAccess.Write(file, filler, track.EntryAt);
            }
            else if (track.Width == 0 && track.FirstKeyWidth > 0 && track.WidthAt >= 0 && track.HeightAt >= 0)
            {
                PatchUInt(file, track.WidthAt, track.WidthLength, (ulong)track.FirstKeyWidth);
                PatchUInt(file, track.HeightAt, track.HeightLength, (ulong)track.FirstKeyHeight);
                track.Width = track.FirstKeyWidth;
                track.Height = track.FirstKeyHeight;
            }
        }
    }

    private static void PatchUInt(SafeFileHandle file, long at, int length, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(value >> (8 * (length - 1 - i)));
        }

        RandomAccess.Write(file, bytes[..length], at);
    }
}
