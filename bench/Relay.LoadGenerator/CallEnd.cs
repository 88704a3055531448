using System.Diagnostics;
using Relay.Media.Client;
using Relay.Media.Sessions;

namespace Relay.LoadGenerator;

/// <summary>
/// One side of a 1:1 call: a client peer, what it sends (counters and pacing, owned by one sender
/// thread) and what it receives from the other side (owned by the peer's receive loop).
/// </summary>
internal sealed class CallEnd : IAsyncDisposable
{
    private readonly Measurement _measurement;

    // Sending, on the owning sender thread only.
    private uint _videoCounter;
    private uint _audioCounter;
    private long _videoFrame;

    // Receiving, on the peer's receive loop only; read after the run.
    private readonly StreamReception[] _reception = [new(), new()];

    public CallEnd(ClientPeerOptions options, Measurement measurement)
    {
        _measurement = measurement;
        Peer = new ClientPeer(options);
        Peer.RtpReceived += OnRtp;
    }

    public ClientPeer Peer { get; }

    public long NextVideo { get; set; }

    public long NextAudio { get; set; }

    /// <summary>Packets sent with a timestamp inside the window, by kind.</summary>
    public long[] SentInWindow { get; } = new long[2];

    public StreamReception Reception(MediaKind kind) => _reception[(int)kind];

    /// <summary>Sends one video frame (5 or 6 packets back to back, marker on the last), like an encoder's burst.</summary>
    public void SendVideoFrame(Span<byte> buffer)
    {
        var packets = Payload.VideoPacketsInFrame(_videoFrame);
        var rtpTimestamp = (uint)(_videoFrame * (90_000 / Payload.VideoFramesPerSecond));
        for (var i = 0; i < packets; i++)
        {
            Payload.WriteVp8Prefix(buffer, frameStart: i == 0, keyFrame: _videoFrame % Payload.KeyFrameInterval == 0);
            Send(MediaKind.Video, buffer[..Payload.VideoSize], _videoCounter++, i == packets - 1, rtpTimestamp);
        }

        _videoFrame++;
    }

    public void SendAudio(Span<byte> buffer)
    {
        var counter = _audioCounter++;
        Send(MediaKind.Audio, buffer[..Payload.AudioSize], counter, marker: false, counter * (48_000u / Payload.AudioPacketsPerSecond));
    }

    private void Send(MediaKind kind, Span<byte> payload, uint counter, bool marker, uint rtpTimestamp)
    {
        var now = Stopwatch.GetTimestamp();
        Payload.Write(payload, kind, counter, now);
        if (Peer.SendRtp(kind, payload, marker, rtpTimestamp) && _measurement.Contains(now))
        {
            SentInWindow[(int)kind]++;
        }
    }

    private void OnRtp(MediaKind kind, uint ssrc, ushort sequenceNumber, ReadOnlySpan<byte> payload)
    {
        var now = Stopwatch.GetTimestamp();
        if (!Payload.TryRead(payload, kind, out var counter, out var sent))
        {
            return;
        }

        var inWindow = _measurement.Contains(sent);
        _reception[(int)kind].OnPacket(counter, inWindow);
        if (inWindow)
        {
            _measurement.Latency.Record(now - sent);
        }
    }

    public ValueTask DisposeAsync() => Peer.DisposeAsync();
}

/// <summary>One received stream, judged by the payload counter: in-window packets, gaps and reordering.</summary>
internal sealed class StreamReception
{
    private long _last = -1;

    public long ReceivedInWindow { get; private set; }

    /// <summary>Counters skipped over (not yet seen when a later one arrived), during the window.</summary>
    public long GapsInWindow { get; private set; }

    /// <summary>Packets older than one already seen (late arrivals or duplicates).</summary>
    public long OutOfOrder { get; private set; }

    public void OnPacket(uint counter, bool inWindow)
    {
        if (counter <= _last)
        {
            OutOfOrder++;
            return;
        }

        if (inWindow)
        {
            ReceivedInWindow++;
            if (_last >= 0)
            {
                GapsInWindow += counter - _last - 1;
            }
        }

        _last = counter;
    }
}
