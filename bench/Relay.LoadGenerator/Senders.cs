using System.Diagnostics;

namespace Relay.LoadGenerator;

/// <summary>
/// A few dedicated sender threads, each owning every T-th call end, instead of a timer per
/// stream. Each end's video frames (every 1/30 s) and audio packets (every 20 ms) are due at
/// fixed times, phase-shifted per end so that ends do not all burst at once. A thread sends what
/// is due, then sleeps about a millisecond. One payload buffer per thread: nothing allocates.
/// </summary>
internal sealed class Senders
{
    private static readonly long FramePeriod = Stopwatch.Frequency / Payload.VideoFramesPerSecond;
    private static readonly long AudioPeriod = Stopwatch.Frequency / Payload.AudioPacketsPerSecond;

    private readonly Thread[] _threads;
    private readonly CallEnd[] _ends;
    private readonly long[] _maxLateTicks;
    private readonly long[] _skipped;
    private volatile bool _stop;

    public Senders(CallEnd[] ends, int threadCount)
    {
        _ends = ends;
        _threads = new Thread[threadCount];
        _maxLateTicks = new long[threadCount];
        _skipped = new long[threadCount];
        for (var t = 0; t < threadCount; t++)
        {
            var index = t;
            _threads[t] = new Thread(() => Run(index)) { IsBackground = true, Name = $"sender {t}" };
        }
    }

    /// <summary>The worst lateness of a send against its schedule, since <see cref="ResetLateness"/>.</summary>
    public double MaxLateMilliseconds
    {
        get
        {
            long max = 0;
            for (var i = 0; i < _maxLateTicks.Length; i++)
            {
                max = Math.Max(max, Volatile.Read(ref _maxLateTicks[i]));
            }

            return max * 1000.0 / Stopwatch.Frequency;
        }
    }

    /// <summary>Frames and audio packets skipped because the thread fell too far behind, since <see cref="ResetLateness"/>.</summary>
    public long Skipped
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _skipped.Length; i++)
            {
                total += Volatile.Read(ref _skipped[i]);
            }

            return total;
        }
    }

    public void ResetLateness()
    {
        Array.Clear(_maxLateTicks);
        Array.Clear(_skipped);
    }

    public void Start()
    {
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 10);
        for (var i = 0; i < _ends.Length; i++)
        {
            _ends[i].NextVideo = start + (FramePeriod * i / _ends.Length);
            _ends[i].NextAudio = start + (AudioPeriod * i / _ends.Length);
        }

        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public void Stop()
    {
        _stop = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Run(int index)
    {
        Span<byte> buffer = new byte[Payload.VideoSize];
        buffer.Fill(0x5a);
        while (!_stop)
        {
            var now = Stopwatch.GetTimestamp();
            for (var i = index; i < _ends.Length; i += _threads.Length)
            {
                var end = _ends[i];
                end.NextAudio = CatchUp(index, end.NextAudio, now, AudioPeriod);
                while (end.NextAudio <= now)
                {
                    NoteLateness(index, now - end.NextAudio);
                    end.SendAudio(buffer);
                    end.NextAudio += AudioPeriod;
                }

                end.NextVideo = CatchUp(index, end.NextVideo, now, FramePeriod);
                while (end.NextVideo <= now)
                {
                    NoteLateness(index, now - end.NextVideo);
                    end.SendVideoFrame(buffer);
                    end.NextVideo += FramePeriod;
                }
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// When this thread was kept off the CPU for more than two periods (a neighbour's load), the
    /// frames it missed are skipped, as an encoder drops frames, instead of being sent as one
    /// burst of up to seconds of media that would overflow the relay's socket queue: that burst
    /// is the generator's artefact, not load a browser would produce. Skips are counted.
    /// </summary>
    private long CatchUp(int index, long due, long now, long period)
    {
        var behind = (now - due) / period;
        if (behind <= 2)
        {
            return due;
        }

        _skipped[index] += behind - 1;
        return due + ((behind - 1) * period);
    }

    private void NoteLateness(int index, long late)
    {
        if (late > _maxLateTicks[index])
        {
            _maxLateTicks[index] = late;
        }
    }
}
