namespace Relay.Media.Recording;

/// <summary>
/// Writes the frames of two tracks in time order. Audio and video reach the writer with different
/// delays (a video frame is complete only with its last packet), and players want a file's blocks
/// in time order, so a frame waits until the other track has a later one — or, when the other
/// track is silent (camera off), until it is a window older than the newest frame seen.
/// Returns every frame's buffer to its pool once written. One writer task.
/// </summary>
internal sealed class FrameInterleaver(WebmWriter writer, PacketBufferPool packets, FrameBufferPool frames, TimeSpan window)
{
    private readonly Queue<PendingFrame> _audio = new();
    private readonly Queue<PendingFrame> _video = new();
    private readonly long _windowMs = (long)window.TotalMilliseconds;
    private long _newest = long.MinValue;

    public void Add(bool video, in PendingFrame frame)
    {
        (video ? _video : _audio).Enqueue(frame);
        _newest = Math.Max(_newest, frame.TimeMs);
    }

    /// <summary>Writes what may be written; with <paramref name="drain"/>, everything.</summary>
    public void Pump(bool drain)
    {
        while (true)
        {
            var hasAudio = _audio.TryPeek(out var audio);
            var hasVideo = _video.TryPeek(out var video);
            if (hasAudio && hasVideo)
            {
                Write(audio.TimeMs <= video.TimeMs ? _audio : _video);
            }
            else if (hasAudio && (drain || writer.VideoTrack == 0 || audio.TimeMs <= _newest - _windowMs))
            {
                Write(_audio);
            }
            else if (hasVideo && (drain || writer.AudioTrack == 0 || video.TimeMs <= _newest - _windowMs))
            {
                Write(_video);
            }
            else
            {
                return;
            }
        }
    }

    private void Write(Queue<PendingFrame> queue)
    {
        var frame = queue.Dequeue();
        try
        {
            var track = queue == _video ? writer.VideoTrack : writer.AudioTrack;
            writer.WriteFrame(track, frame.TimeMs, frame.KeyFrame, frame.Buffer.AsSpan(frame.Offset, frame.Length));
        }
        finally
        {
            Return(frame);
        }
    }

    /// <summary>Gives back the buffers of frames that will never be written (the recording failed).</summary>
    public void Discard()
    {
        while (_audio.TryDequeue(out var frame) || _video.TryDequeue(out frame))
        {
            Return(frame);
        }
    }

    private void Return(in PendingFrame frame)
    {
        if (frame.FromPacketPool)
        {
            packets.Return(frame.Buffer);
        }
        else
        {
            frames.Return(frame.Buffer);
        }
    }
}
