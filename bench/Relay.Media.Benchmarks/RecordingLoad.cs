using System.Diagnostics;
using Relay.LoadGenerator;
using Relay.Media.Recording;
using Relay.Media.Rtcp;
using Relay.Media.Rtp;

namespace Relay.Media.Benchmarks;

/// <summary>
/// Real <see cref="RecordingSession"/>s, each writing a temp file, fed in real time what one
/// load-generator leg sends (bench/Relay.LoadGenerator Payload.cs): a 20 ms Opus packet of 100
/// octets every tick, 30 VP8 frames a second in 170 packets of 1,100 payload octets (5 or 6 a
/// frame, marker on the last), a 640x360 key frame every 30 frames, and a sender report per
/// stream each second. All sessions' packets of a 20 ms tick go in together, as a relay thread
/// would hand them over, then the feeder sleeps out the tick so that the writers see media at
/// the rate they would in a call.
/// </summary>
internal sealed class RecordingLoad : IAsyncDisposable
{
    public const int TicksPerSecond = 50;
    public const int PacketsPerSecond = AudioPacketsPerSecond + VideoPacketsPerSecond;

    private const int AudioPacketsPerSecond = Payload.AudioPacketsPerSecond;
    private const int VideoPacketsPerSecond = Payload.VideoPacketsPerSecond;
    private const int VideoFramesPerSecond = Payload.VideoFramesPerSecond;
    private const int KeyFrameInterval = Payload.KeyFrameInterval;
    private const int VideoPayloadSize = Payload.VideoSize;
    private const int AudioPayloadSize = Payload.AudioSize;
    private const byte OpusPayloadType = 111;
    private const byte Vp8PayloadType = 96;
    private static readonly long TickStopwatchTicks = Stopwatch.Frequency / TicksPerSecond;

    private readonly string _directory;
    private readonly RecordingSession[] _sessions;
    private readonly Leg[] _legs;
    private readonly byte[] _videoPayload = new byte[VideoPayloadSize];
    private readonly byte[] _audioPayload = new byte[AudioPayloadSize];
    private readonly byte[] _packet = new byte[1500];
    private long _tick;

    public RecordingLoad(int sessions)
    {
        _directory = Path.Combine(Path.GetTempPath(), "relay-recording-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _sessions = new RecordingSession[sessions];
        _legs = new Leg[sessions];
        for (var i = 0; i < sessions; i++)
        {
            _sessions[i] = RecordingSession.Start(Path.Combine(_directory, $"{i}.webm"), new RecordingOptions(), new CallClock(TimeProvider.System));
            _legs[i] = new Leg((uint)(0x1000 + (2 * i)), (uint)(0x1001 + (2 * i)));
        }

        for (var i = 0; i < _videoPayload.Length; i++)
        {
            _videoPayload[i] = (byte)(i * 31);
        }

        _audioPayload.AsSpan().Fill(0x5A);
    }

    /// <summary>Packets the sessions refused because their queue was full: the writers fell behind.</summary>
    public long Overflowed
    {
        get
        {
            long overflowed = 0;
            foreach (var session in _sessions)
            {
                overflowed += session.PacketsOverflowed;
            }

            return overflowed;
        }
    }

    /// <summary>Feeds every session <paramref name="seconds"/> of media, paced at real time.</summary>
    public void Run(int seconds)
    {
        var next = Stopwatch.GetTimestamp();
        for (var tick = 0; tick < seconds * TicksPerSecond; tick++)
        {
            for (var i = 0; i < _sessions.Length; i++)
            {
                FeedTick(_sessions[i], ref _legs[i]);
            }

            _tick++;
            next += TickStopwatchTicks;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.StopAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private void FeedTick(RecordingSession session, ref Leg leg)
    {
        if (_tick % TicksPerSecond == 0)
        {
            SendReports(session, leg);
        }

        var rtp = new RtpPacketWriter
        {
            PayloadType = OpusPayloadType,
            SequenceNumber = leg.AudioSequence++,
            Timestamp = leg.AudioTimestamp,
            Ssrc = leg.AudioSsrc,
            Payload = _audioPayload,
        };
        leg.AudioTimestamp += 960;
        Send(session, rtp, video: false);

        // Frame f is due at f/30 s, inside tick t when 5f < 3(t + 1).
        while (5 * leg.Frame < 3 * (_tick + 1))
        {
            var packets = (int)(((leg.Frame + 1) * VideoPacketsPerSecond / VideoFramesPerSecond) - (leg.Frame * VideoPacketsPerSecond / VideoFramesPerSecond));
            var keyFrame = leg.Frame % KeyFrameInterval == 0;
            for (var p = 0; p < packets; p++)
            {
                Payload.WriteVp8Prefix(_videoPayload, frameStart: p == 0, keyFrame);
                rtp = new RtpPacketWriter
                {
                    PayloadType = Vp8PayloadType,
                    SequenceNumber = leg.VideoSequence++,
                    Timestamp = (uint)(leg.Frame * 3000),
                    Ssrc = leg.VideoSsrc,
                    Marker = p == packets - 1,
                    Payload = _videoPayload,
                };
                Send(session, rtp, video: true);
            }

            leg.Frame++;
        }
    }

    private void Send(RecordingSession session, in RtpPacketWriter rtp, bool video)
    {
        if (!rtp.TryWriteTo(_packet, out var written))
        {
            throw new InvalidOperationException("Could not build an RTP packet.");
        }

        if (video)
        {
            session.OnVideoRtp(_packet.AsSpan(0, written));
        }
        else
        {
            session.OnAudioRtp(_packet.AsSpan(0, written));
        }
    }

    private void SendReports(RecordingSession session, in Leg leg)
    {
        var ntp = NtpTimestamp.FromDateTime(DateTime.UtcNow);
        var report = new SenderReportWriter(leg.AudioSsrc, ntp, leg.AudioTimestamp, 0, 0, []);
        report.TryWriteTo(_packet, out var written);
        session.OnRtcp(_packet.AsSpan(0, written));
        report = new SenderReportWriter(leg.VideoSsrc, ntp, (uint)(leg.Frame * 3000), 0, 0, []);
        report.TryWriteTo(_packet, out written);
        session.OnRtcp(_packet.AsSpan(0, written));
    }

    private struct Leg(uint audioSsrc, uint videoSsrc)
    {
        public readonly uint AudioSsrc = audioSsrc;
        public readonly uint VideoSsrc = videoSsrc;
        public ushort AudioSequence;
        public uint AudioTimestamp;
        public ushort VideoSequence;
        public long Frame;
    }
}
