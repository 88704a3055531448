using Relay.Media.Rtcp;
using Relay.Media.Rtp;

namespace Relay.Media.Recording;

// The writer task: everything that touches the file runs here, one item at a time.
public sealed partial class RecordingSession
{
    private long _lastFlushTicks;
    // Far enough back that the first request goes out at once, near enough that now − it cannot overflow.
    private long _lastKeyFrameRequestTicks = long.MinValue / 2;

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        using var timer = new PeriodicTimer(_options.DrainInterval);
        try
        {
            while (!reader.Completion.IsCompleted)
            {
                while (reader.TryRead(out var item))
                {
                    Process(item);
                }

                _interleaver.Pump(drain: false);
                if (!_stopping)
                {
                    await timer.WaitForNextTickAsync().ConfigureAwait(false);
                }
            }

            DrainStreams();
            _interleaver.Pump(drain: true);
            _writer.Complete();
        }
        catch (IOException exception)
        {
            Failure = exception;
        }
        catch (UnauthorizedAccessException exception)
        {
            Failure = exception;
        }
        finally
        {
            _stopping = true;
            _queue.Writer.TryComplete();
            while (reader.TryRead(out var item))
            {
                ReturnBuffer(item.Buffer);
            }

            _interleaver.Discard();
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Process(in RecordingItem item)
    {
        var now = item.ArrivalTicks;
        switch (item.Kind)
        {
            case RecordingItemKind.SenderReport:
                OnSenderReport(item);
                break;
            case RecordingItemKind.Audio:
                Accept(_audio!, item);
                break;
            case RecordingItemKind.Video:
                Accept(_video!, item);
                break;
        }

        Release(_audio, now, drain: false);
        Release(_video, now, drain: false);
        _interleaver.Pump(drain: false);
        RequestKeyFrameIfNeeded(now);
        Interlocked.Exchange(ref _packetsLost, (_audio?.Reorder.Lost ?? 0) + (_video?.Reorder.Lost ?? 0));
        Interlocked.Exchange(ref _videoFramesDropped, _vp8.FramesDropped + _vp8.FramesSkipped);
        if (now - _lastFlushTicks >= _options.FlushInterval.Ticks)
        {
            _lastFlushTicks = now;
            _writer.Flush();
        }
    }

    private void OnSenderReport(in RecordingItem item)
    {
        var callTicks = _senderClock.ToCallTicks(new NtpTimestamp(item.Ntp), item.ArrivalTicks);
        if (_audio is { HasSsrc: true } audio && audio.Ssrc == item.Ssrc)
        {
            audio.Clock.OnSenderReport(item.RtpTimestamp, callTicks);
        }
        else if (_video is { HasSsrc: true } video && video.Ssrc == item.Ssrc)
        {
            video.Clock.OnSenderReport(item.RtpTimestamp, callTicks);
        }
    }

    private void Accept(RecordedStream stream, in RecordingItem item)
    {
        var buffer = item.Buffer!;
        if (!RtpPacket.TryParse(buffer.AsSpan(0, item.Length), out var packet))
        {
            ReturnBuffer(buffer);
            return;
        }

        if (!stream.HasSsrc || stream.Ssrc != packet.Ssrc)
        {
            // A new stream (the browser replaced its track): finish the old one, start over.
            Release(stream, item.ArrivalTicks, drain: true);
            stream.Reorder.Restart();
            stream.Follow(packet.Ssrc);
            if (stream == _video)
            {
                _vp8.Reset();
                _needsKeyFrame = true;
            }
        }

        var index = stream.Unwrap(packet.SequenceNumber);
        if (!stream.Reorder.Insert(new ReorderedPacket(buffer, item.Length, index, item.ArrivalTicks)))
        {
            ReturnBuffer(buffer);
        }
    }

    private void Release(RecordedStream? stream, long now, bool drain)
    {
        if (stream is null)
        {
            return;
        }

        ReorderedPacket packet;
        while (drain ? stream.Reorder.TryDrain(out packet) : stream.Reorder.TryDequeue(now, out packet))
        {
            if (stream == _audio)
            {
                DeliverAudio(stream, packet);
            }
            else
            {
                DeliverVideo(stream, packet);
            }
        }
    }

    private void DeliverAudio(RecordedStream stream, in ReorderedPacket item)
    {
        if (!RtpPacket.TryParse(item.Buffer.AsSpan(0, item.Length), out var packet) || packet.PayloadLength == 0)
        {
            ReturnBuffer(item.Buffer);
            return;
        }

        var ticks = stream.Clock.ToCallTicks(stream.Clock.Unwrap(packet.Timestamp), item.ArrivalTicks);
        // The frame keeps the packet's buffer: an Opus frame is the whole payload, no copy.
        _interleaver.Add(video: false, new PendingFrame(item.Buffer, packet.PayloadOffset, packet.PayloadLength, ToFileMs(ticks), KeyFrame: true, FromPacketPool: true));
        Interlocked.Increment(ref _audioFrames);
    }

    private void DeliverVideo(RecordedStream stream, in ReorderedPacket item)
    {
        try
        {
            if (!RtpPacket.TryParse(item.Buffer.AsSpan(0, item.Length), out var packet))
            {
                return;
            }

            // Mapped for every packet, so the stream's first packet anchors the clock even when
            // its frame is not written; the frame's time is that of its last packet's timestamp.
            var timestamp = stream.Clock.Unwrap(packet.Timestamp);
            var ticks = stream.Clock.ToCallTicks(timestamp, item.ArrivalTicks);
            if (!_vp8.Push(item.Index, timestamp, packet.Marker, packet.Payload))
            {
                _needsKeyFrame = _vp8.NeedsKeyFrame;
                return;
            }

            _needsKeyFrame = false;
            if (_vp8.FrameIsKey && !_writer.HasVideoSize && Vp8FrameHeader.TryReadKeyFrameSize(_vp8.Frame, out var width, out var height))
            {
                _writer.SetVideoSize(width, height);
            }

            var frame = _frames.Rent(_vp8.Frame.Length);
            _vp8.Frame.CopyTo(frame);
            _interleaver.Add(video: true, new PendingFrame(frame, 0, _vp8.Frame.Length, ToFileMs(ticks), _vp8.FrameIsKey, FromPacketPool: false));
            Interlocked.Increment(ref _videoFrames);
        }
        finally
        {
            ReturnBuffer(item.Buffer);
        }
    }

    private void DrainStreams()
    {
        Release(_audio, 0, drain: true);
        Release(_video, 0, drain: true);
    }

    private void RequestKeyFrameIfNeeded(long now)
    {
        if (!_needsKeyFrame || _video is not { HasSsrc: true } video || _keyFrames is null
            || now - _lastKeyFrameRequestTicks < _options.KeyFrameRequestInterval.Ticks)
        {
            return;
        }

        _lastKeyFrameRequestTicks = now;
        _keyFrames.RequestKeyFrame(video.Ssrc);
    }

    /// <summary>Call-clock ticks to the file's milliseconds; media from before the origin starts at zero.</summary>
    private static long ToFileMs(long ticks) => Math.Max(0, ticks / TimeSpan.TicksPerMillisecond);

    private void ReturnBuffer(byte[]? buffer)
    {
        if (buffer is not null)
        {
            _buffers.Return(buffer);
        }
    }
}
