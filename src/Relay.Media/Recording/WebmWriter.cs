using System.Buffers.Binary;

namespace Relay.Media.Recording;

/// <summary>
/// Writes a WebM file as the media arrives, so that whatever reaches the disk is a readable
/// prefix: the EBML header, a Segment of unknown size, a reserved SeekHead, Info with a slot for
/// the Duration, Tracks, then Clusters — each opened with an unknown size and patched when the
/// next one opens. Cues, Duration, SeekHead and the Segment size are written by
/// <see cref="WebmFinalizer"/>, which reads the file back, so a file cut by a crash is finished
/// the same way as one closed normally. One writer task; not thread-safe.
/// </summary>
internal sealed partial class WebmWriter : IDisposable
{
    /// <summary>A SimpleBlock's timecode is a signed 16-bit offset from its cluster's (RFC 9559 §10.2).</summary>
    public const long MaxRelativeTimecode = short.MaxValue;

    private const int ClusterSizeOffset = 4;
    private const byte KeyFrameFlag = 0x80;

    private readonly Stream _stream;
    private readonly long _start;
    private readonly long _maxClusterMs;
    private readonly byte[] _scratch = new byte[32];
    private long _videoSizeAt = -1;
    private bool _hasCluster;
    private bool _clusterHasVideo;
    private long _clusterAt;
    private long _clusterTime;
    private long _lastTime;

    /// <param name="stream">A seekable stream positioned where the file starts; the writer does not own it.</param>
    public WebmWriter(Stream stream, bool audio, bool video, int opusChannels, TimeSpan maxClusterDuration)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!audio && !video)
        {
            throw new ArgumentException("A recording needs audio, video or both.", nameof(audio));
        }

        _stream = stream;
        _start = stream.Position;
        _maxClusterMs = Math.Clamp((long)maxClusterDuration.TotalMilliseconds, 1, MaxRelativeTimecode);
        AudioTrack = audio ? 1 : 0;
        VideoTrack = video ? (audio ? 2 : 1) : 0;
        WriteHeader(opusChannels);
    }

    /// <summary>The Opus track's number, 0 without audio.</summary>
    public int AudioTrack { get; }

    /// <summary>The VP8 track's number, 0 without video.</summary>
    public int VideoTrack { get; }

    public bool HasVideoSize { get; private set; }

    /// <summary>
    /// Appends one frame as a SimpleBlock at <paramref name="timeMs"/>. Times must not go back:
    /// an earlier one is written at the last time. A video key frame opens a cluster (where a
    /// player can start decoding); so does a frame too far from the cluster's start for the
    /// 16-bit relative timecode, or past the maximum cluster duration. A key frame that is the
    /// cluster's first video frame stays in it: audio just before it does not cost a cluster.
    /// </summary>
    public void WriteFrame(int track, long timeMs, bool keyFrame, ReadOnlySpan<byte> frame)
    {
        var time = Math.Max(timeMs, _lastTime);
        var video = track == VideoTrack;
        if (!_hasCluster || time - _clusterTime >= _maxClusterMs || (keyFrame && video && _clusterHasVideo))
        {
            StartCluster(time);
        }

        _clusterHasVideo |= video;

        var writer = new EbmlWriter(_scratch);
        writer.WriteId(MatroskaId.SimpleBlock);
        writer.WriteSize((ulong)(4 + frame.Length));
        writer.WriteSize((ulong)track); // the track number is a VINT too
        BinaryPrimitives.WriteInt16BigEndian(_scratch.AsSpan(writer.Position), (short)(time - _clusterTime));
        _scratch[writer.Position + 2] = keyFrame || track == AudioTrack ? KeyFrameFlag : (byte)0;
        _stream.Write(_scratch, 0, writer.Position + 3);
        _stream.Write(frame);
        _lastTime = time;
    }

    /// <summary>Fills in the video track's PixelWidth and PixelHeight, once: from the first key frame.</summary>
    public void SetVideoSize(int width, int height)
    {
        if (HasVideoSize || _videoSizeAt < 0)
        {
            return;
        }

        var end = _stream.Position;
        _stream.Position = _videoSizeAt;
        Span<byte> sizes = stackalloc byte[2 * (2 + WebmLayout.PixelSizeWidth)];
        var writer = new EbmlWriter(sizes);
        writer.WriteUInt(MatroskaId.PixelWidth, (ulong)width, WebmLayout.PixelSizeWidth);
        writer.WriteUInt(MatroskaId.PixelHeight, (ulong)height, WebmLayout.PixelSizeWidth);
        _stream.Write(writer.Written);
        _stream.Position = end;
        HasVideoSize = true;
    }

    /// <summary>Pushes what the writer holds to the stream's destination (the OS, for a file).</summary>
    public void Flush() => _stream.Flush();

    /// <summary>Gives the open cluster its size; the file is then ready for <see cref="WebmFinalizer"/>.</summary>
    public void Complete()
    {
        PatchClusterSize();
        _hasCluster = false;
        _stream.Flush();
    }

    public void Dispose() => Complete();

    private void StartCluster(long time)
    {
        PatchClusterSize();
        _clusterAt = _stream.Position;
        _clusterTime = time;
        _hasCluster = true;
        _clusterHasVideo = false;
        var writer = new EbmlWriter(_scratch);
        writer.WriteId(MatroskaId.Cluster);
        writer.WriteUnknownSize();
        writer.WriteUInt(MatroskaId.Timecode, (ulong)time);
        _stream.Write(_scratch, 0, writer.Position);
    }

    private void PatchClusterSize()
    {
        if (!_hasCluster)
        {
            return;
        }

        var end = _stream.Position;
        var size = end - _clusterAt - ClusterSizeOffset - WebmLayout.PatchedSizeWidth;
        Span<byte> field = stackalloc byte[WebmLayout.PatchedSizeWidth];
        EbmlWriter.WriteFixedSize(field, (ulong)size, WebmLayout.PatchedSizeWidth);
        _stream.Position = _clusterAt + ClusterSizeOffset;
        _stream.Write(field);
        _stream.Position = end;
    }
}
