using System.Buffers;
using Relay.Media.Stun;
using Relay.Media.Tests.Stun;
using Relay.Media.Transport;

namespace Relay.Media.Tests.Transport;

public class Rfc4571FramerTests
{
    private static readonly Rfc4571Framer Framer = new();

    // Two frames as on the wire (RFC 4571 §2): LENGTH big-endian, then exactly that many bytes.
    private static readonly byte[] TwoFrames =
    [
        0x00, 0x03,             // LENGTH 3
        0x80, 0x60, 0x01,       // payload
        0x01, 0x02,             // LENGTH 258: the high byte counts
        .. Enumerable.Range(0, 258).Select(i => (byte)i),
    ];

    [Fact]
    public void Reads_a_single_frame_and_advances_past_it()
    {
        byte[] wire = [0x00, 0x03, 0x80, 0x60, 0x01];
        var buffer = new ReadOnlySequence<byte>(wire);

        Assert.Equal(Rfc4571ReadStatus.Frame, Framer.TryReadFrame(ref buffer, out var frame));
        Assert.Equal([0x80, 0x60, 0x01], frame.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Reads_coalesced_frames_one_at_a_time()
    {
        var buffer = new ReadOnlySequence<byte>(TwoFrames);

        Assert.Equal(Rfc4571ReadStatus.Frame, Framer.TryReadFrame(ref buffer, out var first));
        Assert.Equal([0x80, 0x60, 0x01], first.ToArray());
        Assert.Equal(Rfc4571ReadStatus.Frame, Framer.TryReadFrame(ref buffer, out var second));
        Assert.Equal(TwoFrames[7..], second.ToArray());
        Assert.Equal(Rfc4571ReadStatus.NeedMoreData, Framer.TryReadFrame(ref buffer, out _));
        Assert.True(buffer.IsEmpty);
    }

    // Whatever prefix of a frame has arrived, including one byte of LENGTH, nothing is consumed.
    [Fact]
    public void A_partial_frame_at_every_length_needs_more_data_and_is_left_in_place()
    {
        byte[] wire = [0x00, 0x03, 0x80, 0x60, 0x01];
        for (var received = 0; received < wire.Length; received++)
        {
            var buffer = new ReadOnlySequence<byte>(wire, 0, received);

            Assert.Equal(Rfc4571ReadStatus.NeedMoreData, Framer.TryReadFrame(ref buffer, out var frame));
            Assert.Equal(received, buffer.Length);
            Assert.True(frame.IsEmpty);
        }
    }

    // Each split lands in a different place: inside LENGTH (1), between LENGTH and payload (2),
    // inside the payload, and between the two frames.
    [Fact]
    public void Frames_split_across_two_segments_at_every_byte_position_read_back_whole()
    {
        for (var cut = 1; cut < TwoFrames.Length; cut++)
        {
            var buffer = Segments.Split(TwoFrames, cut);

            Assert.Equal(Rfc4571ReadStatus.Frame, Framer.TryReadFrame(ref buffer, out var first));
            Assert.Equal(Rfc4571ReadStatus.Frame, Framer.TryReadFrame(ref buffer, out var second));
            Assert.Equal(TwoFrames[2..5], first.ToArray());
            Assert.Equal(TwoFrames[7..], second.ToArray());
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void A_frame_spanning_three_segments_reads_back_and_copies_into_scratch()
    {
        // LENGTH's bytes in the first two segments, the payload over the second and third.
        var buffer = Segments.Of([0x00], [0x05, 0xAA, 0xBB], [0xCC, 0xDD, 0xEE, 0x00]);
        var scratch = new byte[Framer.MaxFrameLength];

        Assert.Equal(Rfc4571ReadStatus.Frame, Framer.TryReadFrame(ref buffer, out var frame));
        Assert.False(frame.IsSingleSegment);
        Assert.Equal([0xAA, 0xBB, 0xCC, 0xDD, 0xEE], Rfc4571Framer.GetContiguous(frame, scratch).ToArray());
        Assert.Equal(1, buffer.Length); // the start of the next LENGTH stays for the next read
    }

    [Fact]
    public void A_frame_within_one_segment_is_a_slice_not_a_copy()
    {
        var buffer = Segments.Split(TwoFrames, 1);
        var scratch = new byte[Framer.MaxFrameLength];

        Framer.TryReadFrame(ref buffer, out _);
        Assert.Equal(Rfc4571ReadStatus.Frame, Framer.TryReadFrame(ref buffer, out var second));

        var span = Rfc4571Framer.GetContiguous(second, scratch);
        Assert.True(span.Overlaps(second.First.Span));
        Assert.False(span.Overlaps(scratch));
    }

    [Theory]
    [InlineData(new byte[] { 0x05, 0xDD })]             // 1501: one over the default, header only
    [InlineData(new byte[] { 0xFF, 0xFF, 0x80, 0x60 })] // 65535 with a payload started
    public void A_length_over_the_bound_is_too_large_and_nothing_is_consumed(byte[] wire)
    {
        var buffer = new ReadOnlySequence<byte>(wire);

        Assert.Equal(Rfc4571ReadStatus.FrameTooLarge, Framer.TryReadFrame(ref buffer, out var frame));
        Assert.Equal(wire.Length, buffer.Length);
        Assert.True(frame.IsEmpty);
    }

    [Fact]
    public void The_bound_is_configurable_and_inclusive()
    {
        var framer = new Rfc4571Framer(maxFrameLength: 4);
        byte[] atBound = [0x00, 0x04, 1, 2, 3, 4];
        byte[] overBound = [0x00, 0x05, 1, 2, 3, 4, 5];

        var buffer = new ReadOnlySequence<byte>(atBound);
        Assert.Equal(Rfc4571ReadStatus.Frame, framer.TryReadFrame(ref buffer, out _));
        buffer = new ReadOnlySequence<byte>(overBound);
        Assert.Equal(Rfc4571ReadStatus.FrameTooLarge, framer.TryReadFrame(ref buffer, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Rfc4571Framer.MaxPayloadLength + 1)]
    public void A_bound_outside_the_16_bit_length_is_rejected(int maxFrameLength) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rfc4571Framer(maxFrameLength));

    [Fact]
    public void A_zero_length_is_an_empty_frame_and_nothing_is_consumed()
    {
        byte[] wire = [0x00, 0x00, 0x00, 0x03];
        var buffer = new ReadOnlySequence<byte>(wire);

        Assert.Equal(Rfc4571ReadStatus.EmptyFrame, Framer.TryReadFrame(ref buffer, out var frame));
        Assert.Equal(wire.Length, buffer.Length);
        Assert.True(frame.IsEmpty);
    }

    // Chromium's first frame on a passive ICE-TCP candidate (MEDIA-NOTES.md): a framed Binding
    // request with USE-CANDIDATE and ICE-CONTROLLING, here split inside its LENGTH.
    [Fact]
    public void A_framed_stun_binding_request_parses_and_authenticates()
    {
        var key = "a-22-character-ice-pwd"u8;
        var request = new StunBindingRequest(Rfc5769.TransactionId)
        {
            Username = "srvUfrag:brwsr"u8,
            IntegrityKey = key,
            Priority = 0x6E7F1EFF,
            IceControlling = 0x0102030405060708,
            UseCandidate = true,
        };
        var stun = new byte[request.GetSize()];
        Assert.True(request.TryWriteTo(stun, out _));
        var wire = new byte[Rfc4571Framer.GetFrameSize(stun.Length)];
        Assert.True(Rfc4571Framer.TryWriteFrame(stun, wire, out _));

        var buffer = Segments.Split(wire, 1, 30);
        Assert.Equal(Rfc4571ReadStatus.Frame, Framer.TryReadFrame(ref buffer, out var frame));
        var scratch = new byte[Framer.MaxFrameLength];

        Assert.True(StunMessage.TryParse(Rfc4571Framer.GetContiguous(frame, scratch), out var message, out var error), error.ToString());
        Assert.True(message.VerifyFingerprint());
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.Equal(StunClass.Request, message.Class);
        Assert.True(message.HasUseCandidate);
        Assert.True(message.TryGetIceControlling(out var tieBreaker));
        Assert.Equal(0x0102030405060708UL, tieBreaker);
        Assert.Equal(PacketKind.Stun, PacketDemux.Classify(message.Bytes));
    }
}
