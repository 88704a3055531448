namespace Relay.Media.Recording;

/// <summary>
/// Finishes a WebM file written by a recording, whether it was closed normally or cut anywhere by
/// a crash: it reads the file back, cuts it after the last complete block (a cluster left with an
/// unknown or overlong size gets its true size), then writes Cues (a seek point per cluster that
/// starts with a video key frame, or per cluster in audio-only files), the Duration, a SeekHead
/// naming Info, Tracks and Cues, and the Segment size, and voids the entry of a track that
/// received no frame. Running it again on a finished file gives the same file (old Cues are
/// replaced), so a job may run it as often as it likes. Not for files in use by a writer.
/// </summary>
public static partial class WebmFinalizer
{
    /// <summary>
    /// Finishes the file at <paramref name="path"/>. False when it is not a WebM file whose
    /// header (EBML header, Segment, Info and Tracks) is complete: a file cut before the first
    /// media was written holds nothing to recover. I/O errors throw.
    /// </summary>
    public static bool TryFinalize(string path, out WebmSummary summary)
    {
        summary = default;
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        var scan = new Scan(file, RandomAccess.GetLength(file));
        if (!TryReadLayout(scan, file))
        {
            return false;
        }

        RandomAccess.SetLength(file, scan.ContentEnd);
        var cuesAt = WriteCues(scan, file);
        var end = RandomAccess.GetLength(file);
        WriteSegmentSize(scan, file, end);
        var duration = WriteDuration(scan, file);
        WriteSeekHead(scan, file, cuesAt);
        FinishTracks(scan, file);
        RandomAccess.FlushToDisk(file);

        var audio = scan.Tracks.Find(t => t.Type == MatroskaId.TrackTypeAudio);
        var video = scan.Tracks.Find(t => t.Type == MatroskaId.TrackTypeVideo);
        summary = new WebmSummary(
            TimeSpan.FromMilliseconds(duration),
            TimeSpan.FromMilliseconds(Math.Max(0, scan.FirstTime)),
            end,
            audio?.Frames ?? 0,
            video?.Frames ?? 0,
            video is null ? 0 : Math.Max(video.Width, video.FirstKeyWidth),
            video is null ? 0 : Math.Max(video.Height, video.FirstKeyHeight),
            scan.Discarded);
        return true;
    }

    private static bool TryReadLayout(Scan scan, Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        if (!scan.TryReadHeader(0, scan.FileEnd, out var ebml) || ebml.Id != MatroskaId.Ebml || ebml.UnknownSize)
        {
            return false;
        }

        var segmentAt = ebml.HeaderLength + (long)ebml.Size;
        if (!scan.TryReadHeader(segmentAt, scan.FileEnd, out var segment) || segment.Id != MatroskaId.Segment)
        {
            return false;
        }

        scan.SegmentSizeAt = segmentAt + 4;
        scan.SegmentSizeWidth = segment.HeaderLength - 4;
        scan.SegmentStart = segmentAt + segment.HeaderLength;
        var at = scan.SegmentStart;
        scan.ContentEnd = -1;
        while (at < scan.FileEnd && scan.TryReadHeader(at, scan.FileEnd, out var element))
        {
            var dataAt = at + element.HeaderLength;
            var next = element.UnknownSize ? long.MaxValue : dataAt + (long)element.Size;
            if (element.Id == MatroskaId.Cluster)
            {
                if (scan.TracksAt < 0)
                {
                    return false;
                }

                var kept = scan.ReadCluster(at, element, out var whole, out var dataEnd);
                if (whole)
                {
                    scan.ContentEnd = kept;
                    at = kept;
                    continue;
                }

                if (kept > at && !TryPatchSize(file, at + 4, element.HeaderLength - 4, (ulong)(dataEnd - dataAt)))
                {
                    // A size field too narrow for the kept part (not one of ours): drop the cluster.
                    kept = at;
                }

                scan.ContentEnd = Math.Max(kept, scan.ContentEnd);
                if (kept > at && element.UnknownSize && IsNextElementAt(scan, kept))
                {
                    // An unknown-size cluster that simply ended where the next one starts.
                    at = kept;
                    continue;
                }

                break;
            }

            if (next > scan.FileEnd)
            {
                break;
            }

            if (element.Id == MatroskaId.Cues)
            {
                // Replaced by new Cues: an old finalisation, or one cut short.
                break;
            }

            if (scan.TracksAt < 0)
            {
                ReadHeaderElement(scan, element, at, dataAt, next);
            }

            at = next;
            scan.ContentEnd = at;
        }

        if (scan.InfoAt < 0 || scan.TracksAt < 0)
        {
            return false;
        }

        scan.Discarded = CountDiscarded(scan);
        return true;
    }

    private static void ReadHeaderElement(Scan scan, in EbmlElementHeader element, long at, long dataAt, long next)
    {
        switch (element.Id)
        {
            case MatroskaId.SeekHead when scan.InfoAt < 0:
            case MatroskaId.Void when scan.InfoAt < 0:
                if (scan.ReserveAt < 0)
                {
                    scan.ReserveAt = at;
                }

                scan.ReserveLength = next - scan.ReserveAt;
                break;
            case MatroskaId.Info:
                scan.InfoAt = at;
                scan.ReadInfo(dataAt, next);
                break;
            case MatroskaId.Tracks:
                scan.TracksAt = at;
                scan.ReadTracks(dataAt, next);
                break;
            default:
                break;
        }
    }

    private static bool IsNextElementAt(Scan scan, long at) =>
        scan.TryReadHeader(at, scan.FileEnd, out var next) && next.Id == MatroskaId.Cluster;

    /// <summary>What lies after the kept content, unless it is a complete Cues element (an earlier finalisation).</summary>
    private static long CountDiscarded(Scan scan)
    {
        var rest = scan.FileEnd - scan.ContentEnd;
        if (rest > 0 && scan.TryReadHeader(scan.ContentEnd, scan.FileEnd, out var after)
            && after.Id == MatroskaId.Cues && !after.UnknownSize
            && after.HeaderLength + (long)after.Size == rest)
        {
            return 0;
        }

        return rest;
    }

    private static bool TryPatchSize(Microsoft.Win32.SafeHandles.SafeFileHandle file, long at, int width, ulong size)
    {
        if (size > (1UL << (7 * width)) - 2)
        {
            return false;
        }

        Span<byte> field = stackalloc byte[8];
        EbmlWriter.WriteFixedSize(field, size, width);
        RandomAccess.Write(file, field[..width], at);
        return true;
    }
}
