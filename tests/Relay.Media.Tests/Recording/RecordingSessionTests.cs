using System.Diagnostics.Metrics;
using Relay.Media.Diagnostics;
using Relay.Media.Recording;
using Relay.Media.Rtcp;
using Relay.Media.Tests.Recovery;

namespace Relay.Media.Tests.Recording;

public sealed class RecordingSessionTests : IDisposable
{
    private const uint AudioSsrc = 0xA0A0A0A0;
    private const uint VideoSsrc = 0xB0B0B0B0;
    private readonly List<string> _paths = [];
    private readonly ManualTimeProvider _time = new();

    public void Dispose()
    {
        foreach (var path in _paths)
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reordered_audio_and_video_come_out_as_a_playable_file()
    {
        var clock = new CallClock(_time);
        var session = Start(clock, new RecordingOptions { OpusChannels = 1 });
        ushort audioSeq = 65_500, videoSeq = 65_530; // both wrap during the recording
        const uint AudioBase = uint.MaxValue - 24_000; // wraps after half a second
        const uint VideoBase = 1_000;
        for (var ms = 0; ms < 2_000; ms += 20)
        {
            var packets = new List<(bool Video, byte[] Packet)>
            {
                (false, RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, audioSeq++, unchecked(AudioBase + (uint)(ms * 48)), AudioSsrc, false, WebmFixture.OpusFrame(ms / 20))),
            };
            if (ms % 40 == 0)
            {
                var number = ms / 40;
                var frame = number % 25 == 0 ? Vp8Fixtures.KeyFrame(1800, (byte)number) : Vp8Fixtures.InterFrame(1500, (byte)number);
                packets.AddRange(RecordingPackets.Vp8Frame(frame, ref videoSeq, VideoBase + (uint)(ms * 90), VideoSsrc, number).Select(p => (true, p)));
            }

            // Every third step the packets arrive back to front.
            if (ms % 60 == 0)
            {
                packets.Reverse();
            }

            foreach (var (video, packet) in packets)
            {
                Assert.True(video ? session.OnVideoRtp(packet) : session.OnAudioRtp(packet));
            }

            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        await session.StopAsync();
        Assert.Null(session.Failure);
        Assert.Equal(0, session.PacketsOverflowed);
        Assert.True(WebmFinalizer.TryFinalize(session.Path, out var summary));
        Assert.Equal(100, summary.AudioFrames);
        Assert.Equal(50, summary.VideoFrames);
        Assert.Equal((320, 240), (summary.VideoWidth, summary.VideoHeight));

        var file = WebmTestReader.Read(File.ReadAllBytes(session.Path));
        // Time zero is the call clock's origin; the first packets arrived at it.
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 20L), file.Blocks.Where(b => b.Track == 1).Select(b => b.Time));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 40L), file.Blocks.Where(b => b.Track == 2).Select(b => b.Time));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i % 25 == 0), file.Blocks.Where(b => b.Track == 2).Select(b => b.Key));
        var times = file.Blocks.Select(b => b.Time).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(2_000.0, file.Duration);
    }

    [Fact]
    public async Task A_lost_video_packet_drops_video_until_the_next_key_frame_and_asks_for_one()
    {
        var requests = new KeyFrameRequests();
        var session = Start(new CallClock(_time), new RecordingOptions { Audio = false }, requests);
        ushort seq = 0;
        for (var number = 0; number < 20; number++)
        {
            var frame = number % 10 == 0 ? Vp8Fixtures.KeyFrame(2500) : Vp8Fixtures.InterFrame(2500);
            var packets = RecordingPackets.Vp8Frame(frame, ref seq, (uint)(number * 3000), VideoSsrc, number);
            foreach (var (packet, i) in packets.Select((p, i) => (p, i)))
            {
                if (number == 4 && i == 1)
                {
                    continue; // lost
                }

                session.OnVideoRtp(packet);
            }

            _time.Advance(TimeSpan.FromMilliseconds(33));
        }

        await session.StopAsync();
        Assert.True(WebmFinalizer.TryFinalize(session.Path, out var summary));
        // Frames 0–3 and 10–19: frame 4 lost a packet, 5–9 depend on it.
        Assert.Equal(14, summary.VideoFrames);
        Assert.Equal(14, session.VideoFramesWritten);
        Assert.Equal(6, session.VideoFramesDropped);
        Assert.Equal(1, session.PacketsLost);
        Assert.False(session.NeedsKeyFrame);
        // At the start (before the first packet completes a key frame) nothing was asked: the
        // first frame was one. After the loss the recording asked once (requests are a second apart).
        Assert.Equal([VideoSsrc], requests.Ssrcs);
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_without_waiting()
    {
        using var counters = new MediaCounters();
        var requests = new KeyFrameRequests { Block = true };
        var session = Start(new CallClock(_time), new RecordingOptions { QueueCapacity = 8 }, requests, counters);
        ushort seq = 0;
        // An inter frame first: the writer asks for a key frame, and the test holds it there.
        Assert.True(session.OnVideoRtp(RecordingPackets.Vp8Frame(Vp8Fixtures.InterFrame(100), ref seq, 0, VideoSsrc, 0)[0]));
        Assert.True(requests.Entered.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(session.NeedsKeyFrame);

        var accepted = 0;
        for (var i = 0; i < 13; i++)
        {
            if (session.OnAudioRtp(RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, (ushort)i, (uint)(i * 960), AudioSsrc, false, WebmFixture.OpusFrame(i))))
            {
                accepted++;
            }
        }

        Assert.Equal(8, accepted);
        Assert.Equal(5, session.PacketsOverflowed);
        Assert.Equal(5, counters.RecordingQueueOverflows);
        Assert.Contains(5L, ObserveOverflowInstrument(counters));
        requests.Release.Set();
        await session.StopAsync();
        Assert.Equal(9, session.PacketsQueued);
        Assert.Equal(8, session.AudioFramesWritten);
        Assert.False(session.OnAudioRtp(RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, 99, 0, AudioSsrc, false, WebmFixture.OpusFrame(0))));
        Assert.Equal(5, session.PacketsOverflowed); // packets after the stop are not overflow
    }

    [Fact]
    public async Task Sender_reports_line_two_parties_up_on_the_call_clock()
    {
        var clock = new CallClock(_time);
        var alice = Start(clock, new RecordingOptions { Video = false });
        var bob = Start(clock, new RecordingOptions { Video = false });
        // Alice's wall clock runs 3 h ahead of Bob's; their timestamps start at unrelated values;
        // Bob's packets reach the relay 70 ms later than Alice's, and his first one 50 ms later still
        // (after his second, but within the reorder window).
        var aliceNtp = new DateTime(2026, 11, 24, 13, 0, 0, DateTimeKind.Utc);
        var bobNtp = new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
        const uint AliceBase = 123_456, BobBase = 4_000_000_000;
        var sent = new List<(long ArrivalMs, RecordingSession To, byte[] Packet, bool Rtcp)>();
        for (var ms = 0; ms < 3_000; ms += 20)
        {
            var i = (ushort)(ms / 20);
            sent.Add((ms, alice, RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, i, AliceBase + (uint)(ms * 48), AudioSsrc, false, WebmFixture.OpusFrame(i)), false));
            sent.Add((ms + 70 + (ms == 0 ? 50 : 0), bob, RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, i, unchecked(BobBase + (uint)(ms * 48)), AudioSsrc + 1, false, WebmFixture.OpusFrame(i)), false));
            if (ms % 1_000 == 500)
            {
                // Sender reports describe the same moment (ms) by each sender's clocks; they
                // cross the network like the media.
                sent.Add((ms, alice, RecordingPackets.SenderReport(AudioSsrc, NtpTimestamp.FromDateTime(aliceNtp.AddMilliseconds(ms)), AliceBase + (uint)(ms * 48)), true));
                sent.Add((ms + 70, bob, RecordingPackets.SenderReport(AudioSsrc + 1, NtpTimestamp.FromDateTime(bobNtp.AddMilliseconds(ms)), unchecked(BobBase + (uint)(ms * 48))), true));
            }
        }

        var now = 0L;
        foreach (var (arrival, to, packet, rtcp) in sent.OrderBy(s => s.ArrivalMs))
        {
            _time.Advance(TimeSpan.FromMilliseconds(arrival - now));
            now = arrival;
            if (rtcp)
            {
                to.OnRtcp(packet);
            }
            else
            {
                to.OnAudioRtp(packet);
            }
        }

        await alice.StopAsync();
        await bob.StopAsync();
        Assert.True(WebmFinalizer.TryFinalize(alice.Path, out var aliceSummary));
        Assert.True(WebmFinalizer.TryFinalize(bob.Path, out var bobSummary));
        Assert.Equal(TimeSpan.Zero, aliceSummary.FirstFrame);
        Assert.Equal(TimeSpan.FromMilliseconds(120), bobSummary.FirstFrame);
        var aliceBlocks = WebmTestReader.Read(File.ReadAllBytes(alice.Path)).Blocks.ToList();
        var bobBlocks = WebmTestReader.Read(File.ReadAllBytes(bob.Path)).Blocks.ToList();
        Assert.Equal(150, aliceBlocks.Count);
        Assert.Equal(150, bobBlocks.Count);

        // Before the reports Bob's audio sits where his late first packet put it...
        Assert.Equal(120, bobBlocks[0].Time);
        Assert.Equal(0, aliceBlocks[0].Time);
        // ...after them, the same sampled moment lands at the same time in both files (the
        // report's 70 ms network delay is the only difference left).
        foreach (var i in new[] { 30, 75, 149 })
        {
            Assert.Equal(aliceBlocks[i].Time + 70, bobBlocks[i].Time);
        }
    }

    [Fact]
    public async Task What_is_on_disk_while_recording_recovers_to_all_but_the_last_flush_interval()
    {
        var session = Start(new CallClock(_time), new RecordingOptions { Video = false, FlushInterval = TimeSpan.FromSeconds(1) });
        for (var i = 0; i < 150; i++)
        {
            session.OnAudioRtp(RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, (ushort)i, (uint)(i * 960), AudioSsrc, false, WebmFixture.OpusFrame(i)));
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (session.AudioFramesWritten < 150)
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer did not take the packets");
            await Task.Delay(20);
        }

        // A killed process leaves what reached the OS: copy it while the recording is still open.
        var crashed = WebmFixture.TempPath();
        _paths.Add(crashed);
        using (var open = new FileStream(session.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var copy = File.Create(crashed))
        {
            open.CopyTo(copy);
        }

        Assert.True(WebmFinalizer.TryFinalize(crashed, out var recovered));
        // The last flush was at 2 s of arrivals; at most a flush interval (50 frames) is missing.
        Assert.InRange(recovered.AudioFrames, 150 - 50 - 1, 150);
        Assert.True(recovered.Duration >= TimeSpan.FromSeconds(1.9), $"{recovered.Duration}");
        await session.StopAsync();
    }

    [Fact]
    public async Task A_new_ssrc_starts_the_stream_over()
    {
        var session = Start(new CallClock(_time), new RecordingOptions { Audio = false });
        ushort seq = 100;
        foreach (var packet in RecordingPackets.Vp8Frame(Vp8Fixtures.KeyFrame(300), ref seq, 0, VideoSsrc, 1))
        {
            session.OnVideoRtp(packet);
        }

        _time.Advance(TimeSpan.FromMilliseconds(500));
        seq = 9;
        // The browser replaced its camera track: new SSRC, new numbering; its inter frame must wait.
        foreach (var packet in RecordingPackets.Vp8Frame(Vp8Fixtures.InterFrame(300), ref seq, 777, VideoSsrc + 1, 1))
        {
            session.OnVideoRtp(packet);
        }

        foreach (var packet in RecordingPackets.Vp8Frame(Vp8Fixtures.KeyFrame(300), ref seq, 777 + 3000, VideoSsrc + 1, 2))
        {
            session.OnVideoRtp(packet);
        }

        await session.StopAsync();
        Assert.Equal(2, session.VideoFramesWritten);
        Assert.True(WebmFinalizer.TryFinalize(session.Path, out _));
        var file = WebmTestReader.Read(File.ReadAllBytes(session.Path));
        Assert.Equal([0L, 533L], file.Blocks.Select(b => b.Time));
    }

    [Fact]
    public async Task A_recording_without_video_takes_no_video()
    {
        var session = Start(new CallClock(_time), new RecordingOptions { Video = false });
        ushort seq = 0;
        Assert.False(session.OnVideoRtp(RecordingPackets.Vp8Frame(Vp8Fixtures.KeyFrame(300), ref seq, 0, VideoSsrc, 1)[0]));
        Assert.False(session.NeedsKeyFrame);
        Assert.True(session.OnAudioRtp(RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, 1, 0, AudioSsrc, false, WebmFixture.OpusFrame(0))));
        await session.StopAsync();
        Assert.True(WebmFinalizer.TryFinalize(session.Path, out _));
        Assert.Equal("A_OPUS", Assert.Single(WebmTestReader.Read(File.ReadAllBytes(session.Path)).Tracks).Codec);
    }

    /// <summary>
    /// What the relays' meters report for recording overflows (what /metrics publishes): one value
    /// per live <see cref="MediaCounters"/>, as tests running alongside have their own.
    /// </summary>
    private static List<long> ObserveOverflowInstrument(MediaCounters counters)
    {
        var observed = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MediaCounters.MeterName && instrument.Name == "mediarelay.recording.queue_overflows")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed.Add(value));
        listener.Start();
        listener.RecordObservableInstruments();
        GC.KeepAlive(counters);
        return observed;
    }

    private RecordingSession Start(CallClock clock, RecordingOptions options, IRecordingKeyFrameRequester? requests = null, MediaCounters? counters = null)
    {
        var path = WebmFixture.TempPath();
        _paths.Add(path);
        return RecordingSession.Start(path, options, clock, counters, requests);
    }

    private sealed class KeyFrameRequests : IRecordingKeyFrameRequester
    {
        private readonly List<uint> _ssrcs = [];

        public bool Block { get; init; }

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public uint[] Ssrcs
        {
            get
            {
                lock (_ssrcs)
                {
                    return [.. _ssrcs];
                }
            }
        }

        public void RequestKeyFrame(uint mediaSsrc)
        {
            lock (_ssrcs)
            {
                _ssrcs.Add(mediaSsrc);
            }

            Entered.Set();
            if (Block)
            {
                Release.Wait();
            }
        }
    }
}
