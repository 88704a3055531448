using System.Buffers.Binary;
using Relay.Media.Rtp;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>
/// A track's stream goes on when its source changes (a party's browser offering again after a
/// dropout): sequence, timestamps, VP8 PictureID and TL0PICIDX continue from what the receiver
/// last got, so it does not take the new sender's frames for old ones.
/// </summary>
public sealed class OutboundTrackTests
{
    private const uint TrackSsrc = 0xAAAA0001;
    private const byte PayloadType = 96;

    [Fact]
    public void The_first_source_passes_through_and_a_second_one_continues_where_it_stopped()
    {
        var track = new OutboundTrack(MediaKind.Video, TrackSsrc, 90_000);

        // The first source: the stream's sequence starts at 1; its timestamps and picture numbering pass through.
        var first = Forward(track, ssrc: 1, sequence: 500, timestamp: 1_000_000, pictureId: 20_000, tl0PicIdx: 7);
        Assert.Equal((TrackSsrc, (ushort)1, 1_000_000u, 20_000, 7), first);
        var last = Forward(track, ssrc: 1, sequence: 501, timestamp: 1_003_000, pictureId: 20_001, tl0PicIdx: 8);
        Assert.Equal((TrackSsrc, (ushort)2, 1_003_000u, 20_001, 8), last);

        // A new sender, whose numbering happens to lie behind: the stream continues after the last
        // packet (timestamps one 20 ms packet on), then follows the new sender's steps.
        var switched = Forward(track, ssrc: 2, sequence: 9, timestamp: 4_000, pictureId: 3, tl0PicIdx: 200);
        Assert.Equal((TrackSsrc, (ushort)3, 1_003_000u + 1_800, 20_002, 9), switched);
        var next = Forward(track, ssrc: 2, sequence: 10, timestamp: 7_000, pictureId: 4, tl0PicIdx: 201);
        Assert.Equal((TrackSsrc, (ushort)4, 1_003_000u + 1_800 + 3_000, 20_003, 10), next);

        // Sender reports of the new source map onto the same timeline.
        Assert.Equal(1_003_000u + 1_800 + 3_000, track.ToTrackTimestamp(7_000));
    }

    [Fact]
    public void Picture_ids_wrap_in_their_field_width_and_a_packet_without_them_is_left_alone()
    {
        var track = new OutboundTrack(MediaKind.Video, TrackSsrc, 90_000);
        Forward(track, ssrc: 1, sequence: 1, timestamp: 0, pictureId: 32_767, tl0PicIdx: 255);

        var wrapped = Forward(track, ssrc: 2, sequence: 1, timestamp: 0, pictureId: 100, tl0PicIdx: 0);
        Assert.Equal(0, wrapped.PictureId);
        Assert.Equal(0, wrapped.Tl0PicIdx);

        // A descriptor without the extension: the header is rewritten, the payload untouched.
        var plain = Packet(ssrc: 2, sequence: 2, timestamp: 3_000);
        plain.AddRange([0x10, 0xAB, 0xCD]);
        var bytes = plain.ToArray();
        Rewrite(track, bytes);
        Assert.Equal(new byte[] { 0x10, 0xAB, 0xCD }, bytes[12..]);
    }

    private static (uint Ssrc, ushort Sequence, uint Timestamp, int PictureId, int Tl0PicIdx) Forward(
        OutboundTrack track, uint ssrc, ushort sequence, uint timestamp, int pictureId, int tl0PicIdx)
    {
        var packet = Packet(ssrc, sequence, timestamp);
        // X and S set; I and L; a 15-bit PictureID; TL0PICIDX; then a byte of VP8 data.
        packet.AddRange([0x90, 0xC0, (byte)(0x80 | (pictureId >> 8)), (byte)pictureId, (byte)tl0PicIdx, 0x9D]);
        var bytes = packet.ToArray();
        Rewrite(track, bytes);
        var payload = bytes.AsSpan(12);
        var vp8 = Vp8Indices.Read(payload);
        return (
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)),
            BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)),
            vp8.PictureId,
            vp8.Tl0PicIdx);
    }

    private static void Rewrite(OutboundTrack track, byte[] bytes)
    {
        Assert.True(RtpPacket.TryParse(bytes, out var header));
        var source = new ForwardedRtp(header.Ssrc, header.SequenceNumber, header.Timestamp, Vp8Indices.Read(header.Payload));
        track.Rewrite(bytes, source, PayloadType, header.PayloadOffset, header.PayloadLength);
        Assert.Equal(PayloadType, bytes[1] & 0x7F);
    }

    private static List<byte> Packet(uint ssrc, ushort sequence, uint timestamp)
    {
        var header = new byte[12];
        header[0] = 0x80;
        header[1] = PayloadType;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), ssrc);
        return [.. header];
    }
}
