using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

/// <summary>
/// Hand-encoded feedback packets, checked against the chunk definitions of
/// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.
/// </summary>
public class TransportCcPacketTests
{
    /// <summary>Five packets, all received with small deltas: one run-length chunk.</summary>
    internal static readonly byte[] RunLengthFixture =
    [
        0x8F, 0xCD, 0x00, 0x06, // V=2, P=0, FMT=15 | PT=205 (RTPFB) | length=6 → 28 bytes
        0x11, 0x22, 0x33, 0x44, // SSRC of packet sender
        0x55, 0x66, 0x77, 0x88, // SSRC of media source
        0x00, 0x64, 0x00, 0x05, // base sequence = 100 | packet status count = 5
        0x00, 0x00, 0x01, 0x07, // reference time = 1 (×64 ms) | fb pkt. count = 7
        0x20, 0x05,             // run length chunk: T=0, S=01 (small delta), run length 5
        0x04, 0x08, 0x00, 0x14, 0xFF, // recv deltas ×250 µs: 1 ms, 2 ms, 0, 5 ms, 63.75 ms
        0x00,                   // zero padding to 32 bits
    ];

    /// <summary>
    /// Four packets across the sequence wrap: small, large negative, lost, large positive —
    /// one 2-bit status vector chunk.
    /// </summary>
    internal static readonly byte[] TwoBitVectorFixture =
    [
        0x8F, 0xCD, 0x00, 0x06, // V=2, P=0, FMT=15 | PT=205 | length=6 → 28 bytes
        0x11, 0x22, 0x33, 0x44, // SSRC of packet sender
        0x55, 0x66, 0x77, 0x88, // SSRC of media source
        0xFF, 0xFE, 0x00, 0x04, // base sequence = 65534 | packet status count = 4
        0x00, 0x00, 0x0F, 0x01, // reference time = 15 (960 ms) | fb pkt. count = 1
        0xD8, 0x80,             // T=1, S=1 (2-bit): 01 10 00 10 | 00 00 00 unused
        0xA0,                   // 65534: small delta +160 (40 ms) → 1000 ms
        0xFF, 0xD8,             // 65535: large delta −40 (−10 ms, reordered) → 990 ms
        0x0F, 0xC8,             // 1: large delta +4040 (1010 ms) → 2000 ms; 0 was lost
        0x00,                   // zero padding
    ];

    /// <summary>Fourteen packets with some lost: one 1-bit status vector chunk.</summary>
    internal static readonly byte[] OneBitVectorFixture =
    [
        0x8F, 0xCD, 0x00, 0x07, // V=2, P=0, FMT=15 | PT=205 | length=7 → 32 bytes
        0x11, 0x22, 0x33, 0x44, // SSRC of packet sender
        0x55, 0x66, 0x77, 0x88, // SSRC of media source
        0x00, 0x0A, 0x00, 0x0E, // base sequence = 10 | packet status count = 14
        0x00, 0x00, 0x00, 0x02, // reference time = 0 | fb pkt. count = 2
        0xB4, 0xF6,             // T=1, S=0 (1-bit): 1 1 0 1 0 0 1 1 1 1 0 1 1 0
        0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, // nine received, 1 ms apart
        0x00,                   // zero padding
    ];

    internal static List<TransportCcStatus> Statuses(TransportCcPacket packet)
    {
        var list = new List<TransportCcStatus>();
        foreach (var status in packet)
        {
            list.Add(status);
        }

        return list;
    }

    [Fact]
    public void Run_length_chunk()
    {
        Assert.True(TransportCcPacket.TryParse(RunLengthFixture, out var feedback));
        Assert.Equal(0x11223344u, feedback.SenderSsrc);
        Assert.Equal(0x55667788u, feedback.MediaSsrc);
        Assert.Equal(100, feedback.BaseSequence);
        Assert.Equal(5, feedback.PacketStatusCount);
        Assert.Equal(1, feedback.ReferenceTime);
        Assert.Equal(7, feedback.FeedbackPacketCount);
        Assert.Equal(
            [
                new TransportCcStatus(100, TransportCcSymbol.SmallDelta, 4, 65_000),
                new TransportCcStatus(101, TransportCcSymbol.SmallDelta, 8, 67_000),
                new TransportCcStatus(102, TransportCcSymbol.SmallDelta, 0, 67_000),
                new TransportCcStatus(103, TransportCcSymbol.SmallDelta, 20, 72_000),
                new TransportCcStatus(104, TransportCcSymbol.SmallDelta, 255, 135_750),
            ],
            Statuses(feedback));

        TransportCcArrival[] arrivals =
        [
            TransportCcArrival.At(100, 65_000), TransportCcArrival.At(101, 67_000), TransportCcArrival.At(102, 67_000),
            TransportCcArrival.At(103, 72_000), TransportCcArrival.At(104, 135_750),
        ];
        Assert.Equal(RunLengthFixture, TransportCcWriterTests.Build(arrivals, feedbackCount: 7));
    }

    [Fact]
    public void Two_bit_vector_with_large_and_negative_deltas_across_the_wrap()
    {
        Assert.True(TransportCcPacket.TryParse(TwoBitVectorFixture, out var feedback));
        Assert.Equal(65534, feedback.BaseSequence);
        Assert.Equal(15, feedback.ReferenceTime);
        Assert.Equal(
            [
                new TransportCcStatus(65534, TransportCcSymbol.SmallDelta, 160, 1_000_000),
                new TransportCcStatus(65535, TransportCcSymbol.LargeDelta, -40, 990_000),
                new TransportCcStatus(0, TransportCcSymbol.NotReceived, 0, 0),
                new TransportCcStatus(1, TransportCcSymbol.LargeDelta, 4040, 2_000_000),
            ],
            Statuses(feedback));

        TransportCcArrival[] arrivals =
        [
            TransportCcArrival.At(65534, 1_000_000), TransportCcArrival.At(65535, 990_000),
            TransportCcArrival.Lost(0), TransportCcArrival.At(1, 2_000_000),
        ];
        Assert.Equal(TwoBitVectorFixture, TransportCcWriterTests.Build(arrivals, feedbackCount: 1));
    }

    [Fact]
    public void One_bit_vector()
    {
        Assert.True(TransportCcPacket.TryParse(OneBitVectorFixture, out var feedback));
        var statuses = Statuses(feedback);
        Assert.Equal(14, statuses.Count);
        Assert.Equal(
            [true, true, false, true, false, false, true, true, true, true, false, true, true, false],
            statuses.Select(s => s.Received));
        Assert.Equal(Enumerable.Range(10, 14).Select(i => (ushort)i), statuses.Select(s => s.SequenceNumber));
        Assert.Equal(
            [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000],
            statuses.Where(s => s.Received).Select(s => s.ArrivalMicroseconds));

        // Sequences 12, 14, 15, 20 and 23 are simply absent from the input: missing means lost.
        TransportCcArrival[] arrivals =
        [
            TransportCcArrival.At(10, 1000), TransportCcArrival.At(11, 2000), TransportCcArrival.At(13, 3000),
            TransportCcArrival.At(16, 4000), TransportCcArrival.At(17, 5000), TransportCcArrival.At(18, 6000),
            TransportCcArrival.At(19, 7000), TransportCcArrival.At(21, 8000), TransportCcArrival.At(22, 9000),
            TransportCcArrival.Lost(23),
        ];
        Assert.Equal(OneBitVectorFixture, TransportCcWriterTests.Build(arrivals, feedbackCount: 2));
    }

    [Fact]
    public void Symbols_past_the_status_count_are_ignored_and_need_no_delta()
    {
        // A 1-bit vector whose unused tail claims "received": only the first two count.
        byte[] data =
        [
            0x8F, 0xCD, 0x00, 0x06, 1, 2, 3, 4, 5, 6, 7, 8,
            0x00, 0x00, 0x00, 0x02, // base 0, count 2
            0x00, 0x00, 0x00, 0x00, // reference 0, fb count 0
            0xBF, 0xFF,             // 1-bit vector: all 14 received
            0x01, 0x01,             // two deltas
            0x00, 0x00, 0x00, 0x00,
        ];
        Assert.True(TransportCcPacket.TryParse(data, out var feedback));
        Assert.Equal(2, Statuses(feedback).Count);
    }

    [Fact]
    public void Zero_length_runs_are_skipped()
    {
        byte[] data =
        [
            0x8F, 0xCD, 0x00, 0x06, 1, 2, 3, 4, 5, 6, 7, 8,
            0x00, 0x00, 0x00, 0x01, // base 0, count 1
            0x00, 0x00, 0x00, 0x00,
            0x20, 0x00,             // run of zero small-delta packets
            0x20, 0x01,             // run of one
            0x02,                   // delta
            0x00, 0x00, 0x00,
        ];
        Assert.True(TransportCcPacket.TryParse(data, out var feedback));
        Assert.Equal([new TransportCcStatus(0, TransportCcSymbol.SmallDelta, 2, 500)], Statuses(feedback));
    }

    [Fact]
    public void Negative_reference_time_is_sign_extended()
    {
        var data = (byte[])RunLengthFixture.Clone();
        data[16] = 0xFF;
        data[17] = 0xFF;
        data[18] = 0xFE;
        Assert.True(TransportCcPacket.TryParse(data, out var feedback));
        Assert.Equal(-2, feedback.ReferenceTime);
    }

    [Fact]
    public void Padding_bit_with_count_is_accepted()
    {
        var data = (byte[])RunLengthFixture.Clone();
        data[0] |= 0x20;
        data[^1] = 1; // one octet of RFC 3550 padding instead of zero padding
        Assert.True(TransportCcPacket.TryParse(data, out var feedback));
        Assert.Equal(5, Statuses(feedback).Count);
    }

    [Fact]
    public void Missing_deltas_are_rejected()
    {
        var data = (byte[])RunLengthFixture.Clone();
        data[15] = 0x09; // status count 9
        data[21] = 0x09; // run of 9 small deltas: 9 bytes needed, 6 left
        Assert.False(TransportCcPacket.TryParse(data, out _));
    }

    [Fact]
    public void Missing_chunks_are_rejected()
    {
        var data = (byte[])RunLengthFixture.Clone();
        data[15] = 0xFF; // 255 packets, chunks cover 5 and the rest of the body is not enough
        Assert.False(TransportCcPacket.TryParse(data, out _));
    }

    [Fact]
    public void Reserved_symbol_is_rejected()
    {
        var data = (byte[])RunLengthFixture.Clone();
        data[20] = 0x60; // run length chunk with S=11
        Assert.False(TransportCcPacket.TryParse(data, out _));

        var vector = (byte[])TwoBitVectorFixture.Clone();
        vector[20] = 0xF8; // first 2-bit symbol = 11
        Assert.False(TransportCcPacket.TryParse(vector, out _));
    }
}
