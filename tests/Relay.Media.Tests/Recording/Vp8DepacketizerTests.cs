using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

public class Vp8DepacketizerTests
{
    private readonly Vp8Depacketizer _depacketizer = new();
    private long _index = 100;

    [Fact]
    public void A_fragmented_key_frame_is_put_back_together()
    {
        var frame = Vp8Fixtures.KeyFrame(2500);
        Assert.True(PushFrame(frame, timestamp: 3000));
        Assert.Equal(frame, _depacketizer.Frame.ToArray());
        Assert.True(_depacketizer.FrameIsKey);
        Assert.Equal(3000, _depacketizer.FrameTimestamp);
        Assert.False(_depacketizer.NeedsKeyFrame);
    }

    [Fact]
    public void Inter_frames_before_the_first_key_frame_are_skipped()
    {
        Assert.True(_depacketizer.NeedsKeyFrame);
        Assert.False(PushFrame(Vp8Fixtures.InterFrame(1500), 0));
        Assert.False(PushFrame(Vp8Fixtures.InterFrame(1500), 3000));
        Assert.Equal(2, _depacketizer.FramesSkipped);
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(1500), 6000));
        Assert.True(PushFrame(Vp8Fixtures.InterFrame(1500), 9000));
        Assert.Equal(2, _depacketizer.FramesCompleted);
    }

    [Fact]
    public void A_frame_whose_first_fragment_is_lost_is_dropped_and_the_stream_waits_for_a_key_frame()
    {
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(1000), 0));
        var payloads = Vp8Fixtures.Packetize(Vp8Fixtures.InterFrame(3000), 1000, pictureId: 2);
        _index++; // the first fragment never comes
        Assert.False(_depacketizer.Push(_index++, 3000, marker: false, payloads[1]));
        Assert.False(_depacketizer.Push(_index++, 3000, marker: true, payloads[2]));
        Assert.Equal(1, _depacketizer.FramesDropped);
        Assert.True(_depacketizer.NeedsKeyFrame);

        // Whole inter frames after the loss depend on the lost one.
        Assert.False(PushFrame(Vp8Fixtures.InterFrame(500), 6000));
        Assert.True(_depacketizer.NeedsKeyFrame);
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(500), 9000));
        Assert.False(_depacketizer.NeedsKeyFrame);
    }

    [Fact]
    public void A_hole_in_the_middle_of_a_frame_drops_it()
    {
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(1000), 0));
        var payloads = Vp8Fixtures.Packetize(Vp8Fixtures.KeyFrame(3000), 1000, pictureId: 2);
        Assert.False(_depacketizer.Push(_index++, 3000, marker: false, payloads[0]));
        _index++; // the middle fragment is lost
        Assert.False(_depacketizer.Push(_index++, 3000, marker: true, payloads[2]));
        Assert.Equal(1, _depacketizer.FramesDropped);
        Assert.Equal(1, _depacketizer.FramesCompleted);
        Assert.True(_depacketizer.NeedsKeyFrame);
    }

    [Fact]
    public void A_whole_frame_lost_between_two_is_noticed_by_the_sequence_gap()
    {
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(500), 0));
        _index += 2; // a two-packet frame never arrives
        Assert.False(PushFrame(Vp8Fixtures.InterFrame(500), 6000));
        Assert.Equal(1, _depacketizer.FramesDropped);
        Assert.True(_depacketizer.NeedsKeyFrame);
    }

    [Fact]
    public void A_frame_without_its_marker_is_dropped_when_the_next_timestamp_begins()
    {
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(500), 0));
        var payloads = Vp8Fixtures.Packetize(Vp8Fixtures.InterFrame(2000), 1000, pictureId: 2);
        Assert.False(_depacketizer.Push(_index++, 3000, marker: false, payloads[0]));
        // The marker packet was lost and the sequence gap hidden (e.g. sequence rewritten): the
        // next timestamp starting is what gives it away.
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(500), 6000));
        Assert.Equal(1, _depacketizer.FramesDropped);
    }

    [Fact]
    public void Key_frames_are_told_from_inter_frames_by_the_p_bit()
    {
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(100), 0));
        Assert.True(_depacketizer.FrameIsKey);
        Assert.True(PushFrame(Vp8Fixtures.InterFrame(100), 3000));
        Assert.False(_depacketizer.FrameIsKey);
    }

    [Fact]
    public void A_malformed_descriptor_breaks_the_frame()
    {
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(100), 0));
        Assert.False(_depacketizer.Push(_index++, 3000, marker: true, [0x90]));
        Assert.True(_depacketizer.NeedsKeyFrame);
    }

    [Fact]
    public void Reset_waits_for_a_key_frame_of_the_new_stream()
    {
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(100), 0));
        _depacketizer.Reset();
        _index = 7; // the new stream numbers from elsewhere: no gap is seen
        Assert.False(PushFrame(Vp8Fixtures.InterFrame(100), 90));
        Assert.Equal(0, _depacketizer.FramesDropped);
        Assert.True(PushFrame(Vp8Fixtures.KeyFrame(100), 180));
    }

    private bool PushFrame(byte[] frame, long timestamp)
    {
        var payloads = Vp8Fixtures.Packetize(frame, 1000, pictureId: (int)(_index & 0x7FFF));
        var completed = false;
        for (var i = 0; i < payloads.Count; i++)
        {
            completed = _depacketizer.Push(_index++, timestamp, i == payloads.Count - 1, payloads[i]);
        }

        return completed;
    }
}
