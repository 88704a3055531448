using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

/// <summary>Small synthetic recordings written straight through <see cref="WebmWriter"/>.</summary>
internal static class WebmFixture
{
    /// <summary>An Opus TOC for one 20 ms CELT frame (config 19, code 0).</summary>
    public const byte Opus20Ms = 19 << 3;

    /// <summary>
    /// Writes <paramref name="seconds"/> of 20 ms audio frames and 33 ms video frames with a key
    /// frame every second, in time order, into <paramref name="stream"/>; returns the writer (not completed).
    /// </summary>
    public static WebmWriter Write(Stream stream, double seconds, bool audio = true, bool video = true, int maxClusterMs = 5_000)
    {
        var writer = new WebmWriter(stream, audio, video, opusChannels: 1, TimeSpan.FromMilliseconds(maxClusterMs));
        var end = (long)(seconds * 1000);
        long nextAudio = 0, nextVideo = 0;
        var videoFrame = 0;
        while ((audio && nextAudio < end) || (video && nextVideo < end))
        {
            if (audio && nextAudio < end && (!video || nextVideo >= end || nextAudio <= nextVideo))
            {
                writer.WriteFrame(writer.AudioTrack, nextAudio, keyFrame: true, OpusFrame((int)(nextAudio / 20)));
                nextAudio += 20;
            }
            else
            {
                var key = videoFrame % 30 == 0;
                if (key)
                {
                    writer.SetVideoSize(320, 240);
                }

                writer.WriteFrame(writer.VideoTrack, nextVideo, key, key ? Vp8Fixtures.KeyFrame(120, (byte)videoFrame) : Vp8Fixtures.InterFrame(60, (byte)videoFrame));
                videoFrame++;
                nextVideo = videoFrame * 33;
            }
        }

        return writer;
    }

    public static byte[] OpusFrame(int number)
    {
        var frame = new byte[24];
        frame.AsSpan().Fill((byte)number);
        frame[0] = Opus20Ms;
        return frame;
    }

    public static string TempPath() => Path.Combine(Path.GetTempPath(), $"relay-rec-{Guid.NewGuid():N}.webm");
}
