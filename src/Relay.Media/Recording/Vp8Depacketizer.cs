namespace Relay.Media.Recording;

/// <summary>
/// Rebuilds VP8 frames from RTP payloads in sequence order (RFC 7741 §4.5): a frame starts with
/// a packet whose descriptor has S = 1 and partition index 0, holds every packet with the same
/// timestamp and consecutive sequence numbers, and ends with the marker bit. A frame with a
/// missing first fragment or a hole is dropped, and so is everything after it up to the next
/// key frame: VP8 inter frames refer to earlier frames, so a decoder fed past a loss shows
/// corruption until the next key frame anyway. Owned by one recording's writer task.
/// </summary>
internal sealed class Vp8Depacketizer
{
    /// <summary>No WebRTC VP8 frame comes near this; a stream that claims one is broken.</summary>
    private const int MaxFrameSize = 4 * 1024 * 1024;

    private byte[] _frame = new byte[64 * 1024];
    private int _length;
    private bool _assembling;
    private long _frameTimestamp;
    private bool _hasLast;
    private long _lastIndex;
    private bool _discarding;
    private long _discardTimestamp;

    /// <summary>True until a key frame arrives, and again after any loss.</summary>
    public bool NeedsKeyFrame { get; private set; } = true;

    public long FramesCompleted { get; private set; }

    /// <summary>Frames lost to a hole, a missing first fragment or a missing marker.</summary>
    public long FramesDropped { get; private set; }

    /// <summary>Complete frames not written because they depend on a frame that was lost.</summary>
    public long FramesSkipped { get; private set; }

    /// <summary>The last completed frame; valid until the next <see cref="Push"/>.</summary>
    public ReadOnlySpan<byte> Frame => _frame.AsSpan(0, _length);

    public long FrameTimestamp => _frameTimestamp;

    public bool FrameIsKey { get; private set; }

    /// <summary>
    /// Takes the next packet in sequence order. True when it completed a frame that can be
    /// written (<see cref="Frame"/>); false otherwise.
    /// </summary>
    /// <param name="index">The unwrapped sequence number: a jump means packets were lost.</param>
    /// <param name="timestamp">The unwrapped RTP timestamp.</param>
    public bool Push(long index, long timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        var gap = _hasLast && index != _lastIndex + 1;
        _hasLast = true;
        _lastIndex = index;
        var parsed = Vp8PayloadDescriptor.TryParse(payload, out var descriptor);
        if (gap)
        {
            // The lost packets belonged to a frame we cannot have: the one being built, or a
            // whole one between the last frame and this packet when this one starts a frame.
            NeedsKeyFrame = true;
            if (_assembling)
            {
                Abandon();
            }
            else if (parsed && descriptor.IsStartOfFrame)
            {
                FramesDropped++;
            }
        }

        if (_assembling && timestamp != _frameTimestamp)
        {
            // A new frame began before the old one saw its marker: the old one's end was lost.
            Abandon();
        }

        if (!parsed)
        {
            Abandon();
            Lose(timestamp);
            return false;
        }

        if (!_assembling)
        {
            if (!descriptor.IsStartOfFrame)
            {
                Lose(timestamp);
                return false;
            }

            _assembling = true;
            _frameTimestamp = timestamp;
            _length = 0;
        }

        if (!Append(descriptor.Payload))
        {
            Abandon();
            return false;
        }

        if (!marker)
        {
            return false;
        }

        _assembling = false;
        FrameIsKey = Vp8FrameHeader.IsKeyFrame(Frame);
        if (NeedsKeyFrame && !FrameIsKey)
        {
            FramesSkipped++;
            return false;
        }

        NeedsKeyFrame = false;
        FramesCompleted++;
        return true;
    }

    /// <summary>Starts over for a new stream (a new SSRC): the next frame must be a key frame.</summary>
    public void Reset()
    {
        _assembling = false;
        _hasLast = false;
        _discarding = false;
        _length = 0;
        NeedsKeyFrame = true;
    }

    private bool Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _frame.Length)
        {
            if (_length + data.Length > MaxFrameSize)
            {
                return false;
            }

            Array.Resize(ref _frame, Math.Min(MaxFrameSize, Math.Max(_frame.Length * 2, _length + data.Length)));
        }

        data.CopyTo(_frame.AsSpan(_length));
        _length += data.Length;
        return true;
    }

    /// <summary>Drops the frame being built; its later packets are then not counted again.</summary>
    private void Abandon()
    {
        if (_assembling)
        {
            _assembling = false;
            _length = 0;
            _discarding = true;
            _discardTimestamp = _frameTimestamp;
            FramesDropped++;
            NeedsKeyFrame = true;
        }
    }

    /// <summary>Marks the stream broken; the packets of one broken frame count it once.</summary>
    private void Lose(long timestamp)
    {
        NeedsKeyFrame = true;
        if (!_discarding || _discardTimestamp != timestamp)
        {
            _discarding = true;
            _discardTimestamp = timestamp;
            FramesDropped++;
        }
    }
}
