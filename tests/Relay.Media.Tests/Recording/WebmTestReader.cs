using System.Buffers.Binary;
using System.Text;
using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

/// <summary>
/// A strict reader of the WebM files the tests produce: every element must be whole and every
/// size exact (no unknown sizes once finalised unless allowed), so a structural mistake fails.
/// </summary>
internal sealed class WebmTestReader
{
    private const uint BlockGroup = 0xA0;
    private const uint BlockId = 0xA1;

    public string DocType { get; private set; } = "";

    public bool SegmentSizeKnown { get; private set; }

    public long SegmentSize { get; private set; }

    public long SegmentStart { get; private set; }

    public double? Duration { get; private set; }

    public ulong TimecodeScale { get; private set; }

    public List<Track> Tracks { get; } = [];

    public List<Cluster> Clusters { get; } = [];

    public List<(long Time, int Track, long Position)> Cues { get; } = [];

    public List<(uint Id, long Position)> Seeks { get; } = [];

    public List<uint> TopLevel { get; } = [];

    public IEnumerable<Block> Blocks => Clusters.SelectMany(c => c.Blocks);

    public static WebmTestReader Read(byte[] file, bool allowUnknownSizes = false)
    {
        var reader = new WebmTestReader();
        var at = 0L;
        var ebml = Header(file, ref at);
        Assert.Equal(MatroskaId.Ebml, ebml.Id);
        foreach (var (id, data) in Children(file, at, at + (long)ebml.Size))
        {
            if (id == MatroskaId.DocType)
            {
                reader.DocType = Encoding.ASCII.GetString(data);
            }
        }

        at += (long)ebml.Size;
        var segment = Header(file, ref at);
        Assert.Equal(MatroskaId.Segment, segment.Id);
        reader.SegmentStart = at;
        reader.SegmentSizeKnown = !segment.UnknownSize;
        reader.SegmentSize = (long)segment.Size;
        Assert.True(allowUnknownSizes || !segment.UnknownSize, "segment size unknown");
        var end = segment.UnknownSize ? file.Length : at + (long)segment.Size;
        Assert.Equal(file.Length, end);
        while (at < end)
        {
            var start = at;
            var element = Header(file, ref at);
            reader.TopLevel.Add(element.Id);
            var elementEnd = element.UnknownSize ? end : at + (long)element.Size;
            Assert.True(allowUnknownSizes || !element.UnknownSize, "element size unknown");
            Assert.True(elementEnd <= end, "element runs past the segment");
            switch (element.Id)
            {
                case MatroskaId.SeekHead:
                    reader.ReadSeekHead(file, at, elementEnd);
                    break;
                case MatroskaId.Info:
                    reader.ReadInfo(file, at, elementEnd);
                    break;
                case MatroskaId.Tracks:
                    reader.ReadTracks(file, at, elementEnd);
                    break;
                case MatroskaId.Cluster:
                    reader.ReadCluster(file, start - reader.SegmentStart, at, elementEnd);
                    break;
                case MatroskaId.Cues:
                    reader.ReadCues(file, at, elementEnd);
                    break;
            }

            at = elementEnd;
        }

        return reader;
    }

    private void ReadSeekHead(byte[] file, long at, long end)
    {
        foreach (var (id, data) in Children(file, at, end))
        {
            Assert.Equal(MatroskaId.Seek, id);
            uint seekId = 0;
            long position = -1;
            foreach (var (child, value) in Children(data))
            {
                if (child == MatroskaId.SeekId)
                {
                    seekId = (uint)EbmlReader.ReadUInt(value);
                }
                else if (child == MatroskaId.SeekPosition)
                {
                    position = (long)EbmlReader.ReadUInt(value);
                }
            }

            Seeks.Add((seekId, position));
        }
    }

    private void ReadInfo(byte[] file, long at, long end)
    {
        foreach (var (id, data) in Children(file, at, end))
        {
            if (id == MatroskaId.Duration)
            {
                Duration = EbmlReader.ReadFloat(data);
            }
            else if (id == MatroskaId.TimecodeScale)
            {
                TimecodeScale = EbmlReader.ReadUInt(data);
            }
        }
    }

    private void ReadTracks(byte[] file, long at, long end)
    {
        foreach (var (id, data) in Children(file, at, end))
        {
            if (id != MatroskaId.TrackEntry)
            {
                continue;
            }

            var track = new Track();
            foreach (var (child, value) in Children(data))
            {
                switch (child)
                {
                    case MatroskaId.TrackNumber: track.Number = (int)EbmlReader.ReadUInt(value); break;
                    case MatroskaId.TrackType: track.Type = (int)EbmlReader.ReadUInt(value); break;
                    case MatroskaId.CodecId: track.Codec = Encoding.ASCII.GetString(value); break;
                    case MatroskaId.CodecPrivate: track.CodecPrivate = value; break;
                    case MatroskaId.Video:
                        foreach (var (v, size) in Children(value))
                        {
                            if (v == MatroskaId.PixelWidth)
                            {
                                track.Width = (int)EbmlReader.ReadUInt(size);
                            }
                            else if (v == MatroskaId.PixelHeight)
                            {
                                track.Height = (int)EbmlReader.ReadUInt(size);
                            }
                        }

                        break;
                    case MatroskaId.Audio:
                        foreach (var (a, value2) in Children(value))
                        {
                            if (a == MatroskaId.SamplingFrequency)
                            {
                                track.SamplingFrequency = EbmlReader.ReadFloat(value2);
                            }
                            else if (a == MatroskaId.Channels)
                            {
                                track.Channels = (int)EbmlReader.ReadUInt(value2);
                            }
                        }

                        break;
                }
            }

            Tracks.Add(track);
        }
    }

    private void ReadCluster(byte[] file, long position, long at, long end)
    {
        var cluster = new Cluster { Position = position, Time = -1 };
        foreach (var (id, data) in Children(file, at, end))
        {
            if (id == MatroskaId.Timecode)
            {
                cluster.Time = (long)EbmlReader.ReadUInt(data);
            }
            else if (id == MatroskaId.SimpleBlock)
            {
                cluster.Blocks.Add(ReadBlock(cluster, data));
            }
            else if (id == BlockGroup)
            {
                // ffmpeg ends an Opus track with a BlockGroup (for DiscardPadding): its Block is a
                // SimpleBlock without the flags' meaning.
                foreach (var (child, block) in Children(data))
                {
                    if (child == BlockId)
                    {
                        cluster.Blocks.Add(ReadBlock(cluster, block));
                    }
                }
            }
        }

        Clusters.Add(cluster);
    }

    private static Block ReadBlock(Cluster cluster, byte[] data)
    {
        Assert.True(cluster.Time >= 0, "block before the cluster timecode");
        Assert.True(EbmlReader.TryReadSize(data, out var track, out _, out var length));
        var relative = BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(length));
        Assert.Equal(0, data[length + 2] & 0x06); // no lacing
        return new Block((int)track, relative, cluster.Time + relative, (data[length + 2] & 0x80) != 0, data[(length + 3)..]);
    }

    private void ReadCues(byte[] file, long at, long end)
    {
        foreach (var (id, data) in Children(file, at, end))
        {
            Assert.Equal(MatroskaId.CuePoint, id);
            long time = -1, position = -1;
            var track = 0;
            foreach (var (child, value) in Children(data))
            {
                if (child == MatroskaId.CueTime)
                {
                    time = (long)EbmlReader.ReadUInt(value);
                }
                else if (child == MatroskaId.CueTrackPositions)
                {
                    foreach (var (p, v) in Children(value))
                    {
                        if (p == MatroskaId.CueTrack)
                        {
                            track = (int)EbmlReader.ReadUInt(v);
                        }
                        else if (p == MatroskaId.CueClusterPosition)
                        {
                            position = (long)EbmlReader.ReadUInt(v);
                        }
                    }
                }
            }

            Cues.Add((time, track, position));
        }
    }

    private static EbmlElementHeader Header(byte[] file, ref long at)
    {
        Assert.True(EbmlReader.TryReadHeader(file.AsSpan((int)at), out var header), $"no element header at {at}");
        at += header.HeaderLength;
        return header;
    }

    private static List<(uint Id, byte[] Data)> Children(byte[] data) => Children(data, 0, data.Length);

    private static List<(uint Id, byte[] Data)> Children(byte[] file, long at, long end)
    {
        var children = new List<(uint, byte[])>();
        while (at < end)
        {
            var header = Header(file, ref at);
            Assert.False(header.UnknownSize, "child of unknown size");
            var childEnd = at + (long)header.Size;
            Assert.True(childEnd <= end, $"child {header.Id:X} runs past its parent");
            children.Add((header.Id, file[(int)at..(int)childEnd]));
            at = childEnd;
        }

        return children;
    }

    internal sealed class Track
    {
        public int Number { get; set; }

        public int Type { get; set; }

        public string Codec { get; set; } = "";

        public byte[] CodecPrivate { get; set; } = [];

        public int Width { get; set; }

        public int Height { get; set; }

        public double SamplingFrequency { get; set; }

        public int Channels { get; set; }
    }

    internal sealed class Cluster
    {
        public long Position { get; set; }

        public long Time { get; set; }

        public List<Block> Blocks { get; } = [];
    }

    internal sealed record Block(int Track, int Relative, long Time, bool Key, byte[] Data);
}
