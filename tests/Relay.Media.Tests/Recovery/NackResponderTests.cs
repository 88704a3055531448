using System.Buffers.Binary;
using Relay.Media.Recovery;
using Relay.Media.Rtcp;
using Relay.Media.Rtp;

namespace Relay.Media.Tests.Recovery;

public class NackResponderTests
{
    private const uint TrackSsrc = 0x11223344;
    private const uint RtxSsrc = 0x55667788;
    private const ushort SourceOffset = 1000;
    private static readonly TimeSpan ResendInterval = TimeSpan.FromMilliseconds(100);

    private readonly ManualTimeProvider _time = new();
    private readonly RetransmissionCache _cache;
    private readonly RecordingSink _sink = new();
    private readonly ushort[] _toForward = new ushort[8];

    public NackResponderTests()
    {
        _cache = new RetransmissionCache(64, TimeSpan.FromSeconds(1), _time);
        for (ushort sequence = 100; sequence < 110; sequence++)
        {
            _cache.Store(RtpFixtures.Packet(sequence, fill: (byte)sequence));
        }
    }

    // PID 105 with BLP bits 0 and 4 (106, 110), then PID 3: 105 and 106 are cached, 110 and 3 not.
    private static byte[] Nack { get; } = BuildNack(new NackItem(105, 0b1_0001), new NackItem(3, 0));

    [Fact]
    public void Cached_sequences_are_resent_as_RTX_and_the_rest_forwarded_in_source_numbering()
    {
        var responder = new NackResponder(_cache, MappedRtx(500), ToSource, ResendInterval);

        var response = Respond(responder, Nack, _toForward);

        Assert.Equal(new NackResponse(Resent: 2, RateLimited: 0, Forwarded: 2, Dropped: 0), response);
        // 110 − 1000 and 3 − 1000, modulo 2^16: the mapping wraps like the sequence numbers.
        Assert.Equal([64646, 64539], _toForward[..2]);
        Assert.Equal(2, _sink.Packets.Count);
        AssertRtx(_sink.Packets[0], rtxSequence: 500, originalSequence: 105);
        AssertRtx(_sink.Packets[1], rtxSequence: 501, originalSequence: 106);
    }

    [Fact]
    public void Without_RTX_the_cached_original_is_resent_as_is()
    {
        var responder = new NackResponder(_cache, rtx: null, ToSource, ResendInterval);

        var response = Respond(responder, Nack, _toForward);

        Assert.Equal(2, response.Resent);
        Assert.Equal(RtpFixtures.Packet(105, fill: 105), _sink.Packets[0]);
        Assert.Equal(RtpFixtures.Packet(106, fill: 106), _sink.Packets[1]);
    }

    [Fact]
    public void A_payload_type_without_RTX_falls_back_to_plain()
    {
        var responder = new NackResponder(_cache, new RtxTrack(RtxSsrc, 0), ToSource, ResendInterval);

        Respond(responder, BuildNack(new NackItem(105, 0)), _toForward);

        Assert.Equal(RtpFixtures.Packet(105, fill: 105), Assert.Single(_sink.Packets));
    }

    [Fact]
    public void A_repeated_NACK_within_the_interval_is_rate_limited_and_misses_are_forwarded_again()
    {
        var responder = new NackResponder(_cache, MappedRtx(500), ToSource, ResendInterval);
        Respond(responder, Nack, _toForward);

        _time.Advance(ResendInterval - TimeSpan.FromMilliseconds(1));
        var repeat = Respond(responder, Nack, _toForward);
        Assert.Equal(new NackResponse(Resent: 0, RateLimited: 2, Forwarded: 2, Dropped: 0), repeat);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var later = Respond(responder, Nack, _toForward);
        Assert.Equal(2, later.Resent);
        Assert.Equal(4, _sink.Packets.Count);
        AssertRtx(_sink.Packets[2], rtxSequence: 502, originalSequence: 105);
    }

    [Fact]
    public void Sequences_that_do_not_fit_the_forward_span_are_counted_as_dropped()
    {
        var responder = new NackResponder(_cache, rtx: null, ToSource, ResendInterval);
        var oneSlot = new ushort[1];

        var response = Respond(responder, Nack, oneSlot);

        Assert.Equal(new NackResponse(Resent: 2, RateLimited: 0, Forwarded: 1, Dropped: 1), response);
        Assert.Equal(64646, oneSlot[0]);
    }

    [Fact]
    public void Responding_allocates_nothing()
    {
        var responder = new NackResponder(_cache, MappedRtx(0), ToSource, TimeSpan.Zero);
        var sink = new CountingSink();
        var forward = new ushort[32];
        var batches = 0;

        var allocated = SteadyStateAllocation.Measure(() =>
        {
            batches++;
            for (var i = 0; i < 1_000; i++)
            {
                if (GenericNackPacket.TryParse(Nack, out var nack))
                {
                    responder.Respond(nack, sink, forward);
                }
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(2 * 1_000 * batches, sink.Count);
    }

    private static ushort ToSource(ushort sequence) => (ushort)(sequence - SourceOffset);

    private static RtxTrack MappedRtx(ushort initialSequence)
    {
        var rtx = new RtxTrack(RtxSsrc, initialSequence);
        rtx.MapPayloadType(96, 97);
        return rtx;
    }

    private NackResponse Respond(NackResponder responder, byte[] nackBytes, Span<ushort> toForward)
    {
        Assert.True(GenericNackPacket.TryParse(nackBytes, out var nack));
        return responder.Respond(nack, _sink, toForward);
    }

    private static byte[] BuildNack(params NackItem[] items)
    {
        var writer = new GenericNackWriter(0xAAAAAAAA, TrackSsrc, items);
        var bytes = new byte[writer.Size];
        Assert.True(writer.TryWriteTo(bytes, out _));
        return bytes;
    }

    private static void AssertRtx(byte[] packet, ushort rtxSequence, ushort originalSequence)
    {
        Assert.True(RtpPacket.TryParse(packet, out var rtx));
        Assert.Equal(RtxSsrc, rtx.Ssrc);
        Assert.Equal(97, rtx.PayloadType);
        Assert.Equal(rtxSequence, rtx.SequenceNumber);
        Assert.Equal(originalSequence, BinaryPrimitives.ReadUInt16BigEndian(rtx.Payload));
        Assert.Equal((byte)originalSequence, rtx.Payload[RtxPacketBuilder.OriginalSequenceLength]);
    }

    private sealed class RecordingSink : IRetransmissionSink
    {
        public List<byte[]> Packets { get; } = [];

        public void Send(ReadOnlySpan<byte> packet) => Packets.Add(packet.ToArray());
    }

    private sealed class CountingSink : IRetransmissionSink
    {
        public int Count { get; private set; }

        public void Send(ReadOnlySpan<byte> packet) => Count++;
    }
}
