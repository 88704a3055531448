using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Relay.Media.Recording;

// Reading the file back: the header elements, and every cluster up to the last complete block.
public static partial class WebmFinalizer
{
    /// <summary>Enough of a block to read its track, timecode, flags and a VP8 key frame's size.</summary>
    private const int BlockPeekLength = 4 + 10;

    private sealed class Scan(SafeFileHandle file, long fileEnd)
    {
        private readonly byte[] _peek = new byte[EbmlReader.MaxHeaderLength + BlockPeekLength];

        public long FileEnd { get; } = fileEnd;

        public long SegmentSizeAt { get; set; } = -1;

        public int SegmentSizeWidth { get; set; }

        public long SegmentStart { get; set; }

        public long ReserveAt { get; set; } = -1;

        public long ReserveLength { get; set; }

        public long InfoAt { get; set; } = -1;

        public long DurationVoidAt { get; set; } = -1;

        public long DurationValueAt { get; set; } = -1;

        public long TracksAt { get; set; } = -1;

        public List<WebmTrackScan> Tracks { get; } = [];

        public List<WebmCuePoint> Cues { get; } = [];

        /// <summary>Time of the earliest block, ms; −1 before one is read.</summary>
        public long FirstTime { get; private set; } = -1;

        /// <summary>End of the last complete cluster kept: where the Cues go.</summary>
        public long ContentEnd { get; set; }

        /// <summary>Octets after <see cref="ContentEnd"/> that were media, not a complete old Cues element.</summary>
        public long Discarded { get; set; }

        public bool TryReadHeader(long at, long limit, out EbmlElementHeader header)
        {
            var length = (int)Math.Min(EbmlReader.MaxHeaderLength, limit - at);
            header = default;
            return length > 0
                && RandomAccess.Read(file, _peek.AsSpan(0, length), at) == length
                && EbmlReader.TryReadHeader(_peek.AsSpan(0, length), out header)
                && header.HeaderLength <= length;
        }

        public ReadOnlySpan<byte> Read(long at, int length)
        {
            var buffer = length <= _peek.Length ? _peek : new byte[length];
            var read = RandomAccess.Read(file, buffer.AsSpan(0, length), at);
            return buffer.AsSpan(0, read);
        }

        public WebmTrackScan? FindTrack(int number)
        {
            foreach (var track in Tracks)
            {
                if (track.Number == number)
                {
                    return track;
                }
            }

            return null;
        }

        public void ReadInfo(long dataAt, long end)
        {
            for (var at = dataAt; at < end && TryReadHeader(at, end, out var child);)
            {
                var next = at + child.HeaderLength + (long)child.Size;
                if (child.UnknownSize || next > end)
                {
                    return;
                }

                if (child.Id == MatroskaId.Void && next - at == WebmLayout.DurationElementLength && DurationVoidAt < 0)
                {
                    DurationVoidAt = at;
                }
                else if (child.Id == MatroskaId.Duration && child.Size == 8)
                {
                    DurationValueAt = at + child.HeaderLength;
                }

                at = next;
            }
        }

        public void ReadTracks(long dataAt, long end)
        {
            for (var at = dataAt; at < end && TryReadHeader(at, end, out var entry);)
            {
                var next = at + entry.HeaderLength + (long)entry.Size;
                if (entry.UnknownSize || next > end)
                {
                    return;
                }

                if (entry.Id == MatroskaId.TrackEntry)
                {
                    var track = new WebmTrackScan { EntryAt = at, EntryLength = (int)(next - at) };
                    ReadTrackEntry(track, at + entry.HeaderLength, next);
                    Tracks.Add(track);
                }

                at = next;
            }
        }

        private void ReadTrackEntry(WebmTrackScan track, long dataAt, long end)
        {
            for (var at = dataAt; at < end && TryReadHeader(at, end, out var child);)
            {
                var valueAt = at + child.HeaderLength;
                if (child.UnknownSize || valueAt + (long)child.Size > end)
                {
                    return;
                }

                var length = (int)Math.Min((long)child.Size, 8);
                switch (child.Id)
                {
                    case MatroskaId.TrackNumber:
                        track.Number = (int)EbmlReader.ReadUInt(Read(valueAt, length));
                        break;
                    case MatroskaId.TrackType:
                        track.Type = (int)EbmlReader.ReadUInt(Read(valueAt, length));
                        break;
                    case MatroskaId.Video:
                        ReadTrackEntry(track, valueAt, valueAt + (long)child.Size);
                        break;
                    case MatroskaId.PixelWidth:
                        track.WidthAt = valueAt;
                        track.WidthLength = length;
                        track.Width = (int)EbmlReader.ReadUInt(Read(valueAt, length));
                        break;
                    case MatroskaId.PixelHeight:
                        track.HeightAt = valueAt;
                        track.HeightLength = length;
                        track.Height = (int)EbmlReader.ReadUInt(Read(valueAt, length));
                        break;
                    default:
                        break;
                }

                at = valueAt + (long)child.Size;
            }
        }

        /// <summary>
        /// Reads one cluster's blocks. Returns where the kept part of the cluster ends: its declared
        /// end when it is whole; the end of its last complete block when it was cut or has an
        /// unknown size (then <paramref name="dataEnd"/> is that end, for its size to be patched);
        /// <paramref name="at"/> itself when it holds no complete block.
        /// </summary>
        public long ReadCluster(long at, in EbmlElementHeader header, out bool whole, out long dataEnd)
        {
            var dataAt = at + header.HeaderLength;
            var declaredEnd = header.UnknownSize ? long.MaxValue : dataAt + (long)header.Size;
            var limit = Math.Min(declaredEnd, FileEnd);
            var clusterPosition = at - SegmentStart;
            long clusterTime = -1;
            var kept = at;
            var blocks = 0;
            var p = dataAt;
            var sawVideo = false;
            while (p < limit && TryReadHeader(p, limit, out var child))
            {
                if (child.UnknownSize || IsTopLevel(child.Id))
                {
                    // Only the next top-level element can end a cluster of unknown size.
                    break;
                }

                var next = p + child.HeaderLength + (long)child.Size;
                if (next > limit)
                {
                    break;
                }

                if (child.Id == MatroskaId.Timecode)
                {
                    clusterTime = (long)EbmlReader.ReadUInt(Read(p + child.HeaderLength, (int)Math.Min((long)child.Size, 8)));
                }
                else if (child.Id == MatroskaId.SimpleBlock)
                {
                    if (clusterTime < 0 || !ReadBlock(p + child.HeaderLength, (int)Math.Min((long)child.Size, int.MaxValue), clusterTime, clusterPosition, blocks == 0, ref sawVideo))
                    {
                        break;
                    }

                    blocks++;
                    kept = next;
                }

                p = next;
            }

            whole = !header.UnknownSize && p == declaredEnd;
            dataEnd = kept;
            if (whole && blocks > 0)
            {
                return declaredEnd;
            }

            return kept;
        }

        private bool ReadBlock(long at, int size, long clusterTime, long clusterPosition, bool firstInCluster, ref bool sawVideo)
        {
            var data = Read(at, Math.Min(size, BlockPeekLength));
            if (!EbmlReader.TryReadSize(data, out var number, out _, out var numberLength) || data.Length < numberLength + 3)
            {
                return false;
            }

            var track = FindTrack((int)number);
            if (track is null)
            {
                return false;
            }

            var time = clusterTime + BinaryPrimitives.ReadInt16BigEndian(data[numberLength..]);
            var keyFrame = (data[numberLength + 2] & 0x80) != 0;
            var frameAt = numberLength + 3;
            double frameMs;
            if (track.Type == MatroskaId.TrackTypeVideo)
            {
                if (keyFrame && !sawVideo)
                {
                    Cues.Add(new WebmCuePoint(time, track.Number, clusterPosition));
                }

                sawVideo = true;
                if (keyFrame && track.FirstKeyWidth == 0 && Vp8FrameHeader.TryReadKeyFrameSize(data[frameAt..], out var width, out var height))
                {
                    track.FirstKeyWidth = width;
                    track.FirstKeyHeight = height;
                }

                if (track.Frames > 0)
                {
                    track.LastDelta = time - track.LastTime;
                }

                frameMs = track.LastDelta;
            }
            else
            {
                if (firstInCluster && !HasVideoTrack())
                {
                    Cues.Add(new WebmCuePoint(time, track.Number, clusterPosition));
                }

                // Only the TOC octet(s) are needed: the block's data is never read whole.
                frameMs = OpusPacket.GetSampleCount(data[frameAt..]) * 1000.0 / OpusPacket.SampleRate;
            }

            track.Frames++;
            track.LastTime = time;
            FirstTime = FirstTime < 0 ? time : Math.Min(FirstTime, time);
            track.EndTime = Math.Max(track.EndTime, time + frameMs);
            return true;
        }

        private bool HasVideoTrack()
        {
            foreach (var track in Tracks)
            {
                if (track.Type == MatroskaId.TrackTypeVideo)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsTopLevel(uint id) => id is MatroskaId.Cluster or MatroskaId.Cues or MatroskaId.SeekHead
            or MatroskaId.Info or MatroskaId.Tracks or 0x1254C367 /* Tags */ or 0x1043A770 /* Chapters */ or 0x1941A469 /* Attachments */;
    }
}
