using System.Diagnostics;
using Relay.Media.Recording;
using Relay.Media.Rtp;

namespace Relay.Media.Tests.Recording;

/// <summary>
/// The writer side of recording — reorder, depacketise, interleave, write — must not allocate per
/// packet once warm either. Many recordings at once, in real time: with one, the shared
/// <see cref="System.Buffers.ArrayPool{T}"/> the VP8 frames came from never ran dry; with a
/// hundred it missed for ~40 % of the frames (bench/README.md, "Recording under load").
/// The writers run on thread-pool threads, so the test counts the whole process's allocations,
/// and runs alone (<see cref="RecordingWriterAllocationRunsAlone"/>) so that no other test's
/// allocations land in its window.
/// </summary>
[Collection(RecordingWriterAllocationRunsAlone.Name)]
public sealed class RecordingWriterAllocationTests : IAsyncLifetime
{
    private const int Sessions = 100;
    private const int TicksPerSecond = 50; // one Opus packet per 20 ms tick
    private const int VideoPayloadOctets = 1_084; // ~1,100-octet payloads with the descriptor, as the load generator sends

    /// <summary>Timers, the thread pool and the runner allocate a little whatever the load; per packet it must stay near 0.</summary>
    private const double AllowedBytesPerPacket = 8;

    private readonly List<(RecordingSession Session, string Path)> _recordings = [];
    private readonly byte[] _packet = new byte[1_500];
    private readonly byte[] _opus = WebmFixture.OpusFrame(0);

    // A 6,000-octet frame in 6 packets, as 1.5 Mbit/s at 30 frames/s makes.
    private readonly List<byte[]> _keyFrame = Vp8Fixtures.Packetize(Vp8Fixtures.KeyFrame(6_000), VideoPayloadOctets, pictureId: 1);
    private readonly List<byte[]> _interFrame = Vp8Fixtures.Packetize(Vp8Fixtures.InterFrame(6_000), VideoPayloadOctets, pictureId: 2);
    private long _tick;
    private long _packets;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (session, path) in _recordings)
        {
            await session.StopAsync();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Steady_recording_allocates_nothing_per_packet_on_the_writer_side()
    {
        for (var i = 0; i < Sessions; i++)
        {
            var path = WebmFixture.TempPath();
            _recordings.Add((RecordingSession.Start(path, new RecordingOptions(), new CallClock(TimeProvider.System)), path));
        }

        // The pools, queues and reorder buffers grow to what the recordings keep in flight.
        await Task.Run(() => Feed(seconds: 2));

        // The count is the whole process's, so the best of a few windows: a clean-clone CI run once
        // counted 20 MB in one window of a suite run (other tests' stragglers, it never reproduced
        // alone, even beside a CPU hog). A cost per packet shows in every window.
        var windows = new List<string>();
        var perPacket = double.MaxValue;
        for (var window = 0; window < 3 && perPacket >= AllowedBytesPerPacket; window++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var packetsBefore = _packets;
            await Task.Run(() => Feed(seconds: 3));
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            var packets = _packets - packetsBefore;
            perPacket = Math.Min(perPacket, (double)allocated / packets);
            windows.Add($"{allocated:N0} B for {packets:N0} packets");
        }

        long videoFrames = 0;
        foreach (var (session, _) in _recordings)
        {
            Assert.Equal(0, session.PacketsOverflowed);
            videoFrames += session.VideoFramesWritten;
        }

        // The writers kept up: all but the last ~second of frames (reorder and interleave windows) are written.
        Assert.True(videoFrames > Sessions * 30 * 3 * windows.Count, $"only {videoFrames} video frames written");
        Assert.True(perPacket < AllowedBytesPerPacket, $"at best {perPacket:F1} B per packet: {string.Join("; ", windows)}");
    }

    /// <summary>Every recording's 20 ms of media per tick, then sleeps out the tick. Allocates nothing itself.</summary>
    private void Feed(int seconds)
    {
        var tickLength = Stopwatch.Frequency / TicksPerSecond;
        var next = Stopwatch.GetTimestamp();
        for (var t = 0; t < seconds * TicksPerSecond; t++, _tick++)
        {
            for (var i = 0; i < _recordings.Count; i++)
            {
                FeedTick(_recordings[i].Session, (uint)i);
            }

            next += tickLength;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
    }

    private void FeedTick(RecordingSession session, uint leg)
    {
        // Every leg is at the same point of its streams: sequence numbers and timestamps follow the tick.
        Send(session, video: false, new RtpPacketWriter
        {
            PayloadType = RecordingPackets.OpusPayloadType,
            SequenceNumber = (ushort)_tick,
            Timestamp = (uint)(_tick * 960),
            Ssrc = 2 * leg,
            Payload = _opus,
        });

        // 30 frames/s: frame f is due at f/30 s, so in tick t when 5f < 3(t + 1).
        for (var frame = ((3 * _tick) + 4) / 5; 5 * frame < 3 * (_tick + 1); frame++)
        {
            var payloads = frame % 30 == 0 ? _keyFrame : _interFrame;
            for (var p = 0; p < payloads.Count; p++)
            {
                Send(session, video: true, new RtpPacketWriter
                {
                    PayloadType = RecordingPackets.Vp8PayloadType,
                    SequenceNumber = (ushort)((frame * payloads.Count) + p),
                    Timestamp = (uint)(frame * 3_000),
                    Ssrc = (2 * leg) + 1,
                    Marker = p == payloads.Count - 1,
                    Payload = payloads[p],
                });
            }
        }
    }

    private void Send(RecordingSession session, bool video, in RtpPacketWriter rtp)
    {
        Assert.True(rtp.TryWriteTo(_packet, out var written));
        var queued = video ? session.OnVideoRtp(_packet.AsSpan(0, written)) : session.OnAudioRtp(_packet.AsSpan(0, written));
        Assert.True(queued);
        _packets++;
    }
}

/// <summary>Runs alone: the allocation test counts the whole process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RecordingWriterAllocationRunsAlone
{
    public const string Name = "Recording writer allocations";
}
