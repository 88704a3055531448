using System.Threading.Channels;
using Relay.Media.Diagnostics;

namespace Relay.Media.Recording;

/// <summary>
/// Records one party of a call — the decrypted audio and video its browser sends — into one WebM
/// file. The relay's receive thread hands packets to <see cref="OnAudioRtp"/>,
/// <see cref="OnVideoRtp"/> and <see cref="OnRtcp"/>, which copy them into pooled buffers and
/// queue them without waiting: a full queue drops the packet and counts it
/// (<see cref="PacketsOverflowed"/>, <see cref="MediaCounters.RecordingQueueOverflows"/>).
/// One writer task per recording drains the queue every <see cref="RecordingOptions.DrainInterval"/>
/// — polled, so the relay thread never wakes it (a wake-up per packet would cost a thread-pool
/// item each) — and reorders, depacketises, maps to the call clock, interleaves and writes. <see cref="StopAsync"/> writes what is left and closes the file, which
/// <see cref="WebmFinalizer"/> then finishes (or recovers, after a crash).
/// </summary>
public sealed partial class RecordingSession : IAsyncDisposable
{
    private const int VideoClockRate = 90_000;
    private const int ReorderCapacity = 512;

    private readonly Channel<RecordingItem> _queue;
    private readonly PacketBufferPool _buffers;
    private readonly FrameBufferPool _frames = new();
    private readonly CallClock _clock;
    private readonly MediaCounters? _counters;
    private readonly IRecordingKeyFrameRequester? _keyFrames;
    private readonly RecordingOptions _options;
    private readonly FileStream _file;
    private readonly WebmWriter _writer;
    private readonly FrameInterleaver _interleaver;
    private readonly SenderClockOffset _senderClock = new();
    private readonly RecordedStream? _audio;
    private readonly RecordedStream? _video;
    private readonly Vp8Depacketizer _vp8 = new();
    private readonly Task _writerTask;
    private volatile bool _stopping;
    private volatile bool _needsKeyFrame;
    private long _packetsQueued;
    private long _packetsOverflowed;
    private long _audioFrames;
    private long _videoFrames;
    private long _packetsLost;
    private long _videoFramesDropped;

    private RecordingSession(string path, RecordingOptions options, CallClock clock, MediaCounters? counters, IRecordingKeyFrameRequester? keyFrames)
    {
        _options = options;
        _clock = clock;
        _counters = counters;
        _keyFrames = keyFrames;
        Path = path;
        _queue = Channel.CreateBounded<RecordingItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // Enough for a full queue plus what the reorder buffers and the interleaver hold.
        _buffers = new PacketBufferPool(options.QueueCapacity + (2 * ReorderCapacity) + 256);
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 64 * 1024);
        try
        {
            _writer = new WebmWriter(_file, options.Audio, options.Video, options.OpusChannels, options.MaxClusterDuration);
        }
        catch
        {
            _file.Dispose();
            throw;
        }

        _interleaver = new FrameInterleaver(_writer, _buffers, _frames, options.InterleaveWindow);
        _audio = options.Audio ? new RecordedStream(OpusPacket.SampleRate, ReorderCapacity, options.ReorderWindow) : null;
        _video = options.Video ? new RecordedStream(VideoClockRate, ReorderCapacity, options.ReorderWindow) : null;
        _needsKeyFrame = options.Video;
        _writerTask = Task.Run(RunAsync);
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>
    /// True while the video waits for a key frame: at the start, and after a loss. The recording
    /// asks for one through its <see cref="IRecordingKeyFrameRequester"/>; the relay may also poll this.
    /// </summary>
    public bool NeedsKeyFrame => _needsKeyFrame;

    /// <summary>Packets accepted into the queue.</summary>
    public long PacketsQueued => Interlocked.Read(ref _packetsQueued);

    /// <summary>Packets dropped because the writer had fallen a whole queue behind.</summary>
    public long PacketsOverflowed => Interlocked.Read(ref _packetsOverflowed);

    public long AudioFramesWritten => Interlocked.Read(ref _audioFrames);

    public long VideoFramesWritten => Interlocked.Read(ref _videoFrames);

    /// <summary>Sequence numbers that never arrived within the reorder window.</summary>
    public long PacketsLost => Interlocked.Read(ref _packetsLost);

    /// <summary>Video frames not written: incomplete, or depending on one that was (until the next key frame).</summary>
    public long VideoFramesDropped => Interlocked.Read(ref _videoFramesDropped);

    /// <summary>Why the writer stopped early (a disk error), or null.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>
    /// Starts recording into a new file at <paramref name="path"/> (it must not exist). The file's
    /// time zero is <paramref name="clock"/>'s origin: give every party of a call the same clock.
    /// Creates the file and writes its header here, so call it off the forwarding path.
    /// </summary>
    public static RecordingSession Start(string path, RecordingOptions options, CallClock clock, MediaCounters? counters = null, IRecordingKeyFrameRequester? keyFrames = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        return new RecordingSession(path, options, clock, counters, keyFrames);
    }

    /// <summary>A decrypted audio RTP packet. Any thread; never blocks. False when it was not queued.</summary>
    public bool OnAudioRtp(ReadOnlySpan<byte> packet) => _audio is not null && Enqueue(RecordingItemKind.Audio, packet);

    /// <summary>A decrypted video RTP packet. Any thread; never blocks. False when it was not queued.</summary>
    public bool OnVideoRtp(ReadOnlySpan<byte> packet) => _video is not null && Enqueue(RecordingItemKind.Video, packet);

    /// <summary>A decrypted RTCP compound from the party: its sender reports tie its RTP clocks to the call clock.</summary>
    public void OnRtcp(ReadOnlySpan<byte> compound)
    {
        if (_stopping)
        {
            return;
        }

        var reader = new Rtcp.RtcpCompoundReader(compound);
        while (reader.MoveNext())
        {
            if (reader.Current.PacketType == Rtcp.RtcpPacketType.SenderReport
                && Rtcp.SenderReportPacket.TryParse(reader.Current.Packet, out var report))
            {
                var item = new RecordingItem(RecordingItemKind.SenderReport, null, 0, _clock.NowTicks, report.SenderSsrc, report.NtpTimestamp.Value, report.RtpTimestamp);
                if (!_queue.Writer.TryWrite(item))
                {
                    Overflowed();
                }
            }
        }
    }

    /// <summary>Stops taking packets, writes what is queued, and closes the file. The file then awaits <see cref="WebmFinalizer"/>.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        await _writerTask.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private bool Enqueue(RecordingItemKind kind, ReadOnlySpan<byte> packet)
    {
        if (_stopping)
        {
            return false;
        }

        var buffer = _buffers.Rent(packet.Length);
        packet.CopyTo(buffer);
        if (_queue.Writer.TryWrite(new RecordingItem(kind, buffer, packet.Length, _clock.NowTicks)))
        {
            Interlocked.Increment(ref _packetsQueued);
            return true;
        }

        _buffers.Return(buffer);
        if (!_stopping)
        {
            Overflowed();
        }

        return false;
    }

    private void Overflowed()
    {
        Interlocked.Increment(ref _packetsOverflowed);
        _counters?.RecordingOverflow();
    }
}
