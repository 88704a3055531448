namespace Relay.Media.Tests.Recording;

/// <summary>Hand-built VP8 frames and RTP payloads (RFC 7741) for the depacketiser tests.</summary>
internal static class Vp8Fixtures
{
    /// <summary>A key frame of <paramref name="length"/> octets whose header says 320x240.</summary>
    public static byte[] KeyFrame(int length, byte fill = 0x11)
    {
        var frame = new byte[length];
        frame.AsSpan().Fill(fill);
        // Frame tag with P = 0, start code, width 320, height 240.
        byte[] header = [0x50, 0x42, 0x00, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xF0, 0x00];
        header.CopyTo(frame, 0);
        return frame;
    }

    /// <summary>An inter frame (P = 1).</summary>
    public static byte[] InterFrame(int length, byte fill = 0x22)
    {
        var frame = new byte[length];
        frame.AsSpan().Fill(fill);
        frame[0] = 0x51;
        return frame;
    }

    /// <summary>
    /// Splits a frame into payloads of at most <paramref name="chunk"/> VP8 octets, each behind a
    /// descriptor with a 15-bit PictureID; S = 1 on the first only, partition index 0.
    /// </summary>
    public static List<byte[]> Packetize(byte[] frame, int chunk, int pictureId)
    {
        var payloads = new List<byte[]>();
        for (var offset = 0; offset < frame.Length; offset += chunk)
        {
            var length = Math.Min(chunk, frame.Length - offset);
            var payload = new byte[4 + length];
            payload[0] = (byte)(0x80 | (offset == 0 ? 0x10 : 0x00));
            payload[1] = 0x80;
            payload[2] = (byte)(0x80 | (pictureId >> 8));
            payload[3] = (byte)pictureId;
            frame.AsSpan(offset, length).CopyTo(payload.AsSpan(4));
            payloads.Add(payload);
        }

        return payloads;
    }
}
