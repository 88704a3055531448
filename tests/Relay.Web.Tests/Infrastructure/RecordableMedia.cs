using Relay.Media.Client;
using Relay.Media.Sessions;

namespace Relay.Web.Tests.Infrastructure;

/// <summary>
/// What a browser sends, in the shape a recording can keep: 20 ms Opus packets and 40 ms VP8
/// frames (RFC 7741 descriptor with a PictureID), a key frame every second. Paced in real time,
/// because recordings are timed by arrival.
/// </summary>
public static class RecordableMedia
{
    private const byte Opus20Ms = 19 << 3; // TOC: SILK wideband, 20 ms, one frame

    public static async Task SendAsync(ClientPeer peer, TimeSpan length, byte fill)
    {
        var steps = (int)(length.TotalMilliseconds / 20);
        for (var i = 0; i < steps; i++)
        {
            var opus = new byte[24];
            opus.AsSpan().Fill(fill);
            opus[0] = Opus20Ms;
            peer.SendRtp(MediaKind.Audio, opus, marker: false, timestamp: (uint)(i * 960));
            if (i % 2 == 0)
            {
                var picture = i / 2;
                var frame = picture % 25 == 0 ? KeyFrame(fill) : InterFrame(fill);
                byte[] descriptor = [0x90, 0x80, (byte)(0x80 | (picture >> 8)), (byte)picture];
                peer.SendRtp(MediaKind.Video, [.. descriptor, .. frame], marker: true, timestamp: (uint)(i * 1800));
            }

            await Task.Delay(20);
        }
    }

    private static byte[] KeyFrame(byte fill)
    {
        var frame = new byte[600];
        frame.AsSpan().Fill(fill);
        // Frame tag with P = 0 (key frame), start code, 320x240.
        byte[] header = [0x50, 0x42, 0x00, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xF0, 0x00];
        header.CopyTo(frame, 0);
        return frame;
    }

    private static byte[] InterFrame(byte fill)
    {
        var frame = new byte[300];
        frame.AsSpan().Fill(fill);
        frame[0] = 0x51;
        return frame;
    }
}
