using System.Globalization;
using System.Text.Json;
using Relay.Media.Recording;
using Relay.Media.Rtcp;
using Relay.Media.Tests.Recovery;

namespace Relay.Media.Tests.Recording;

/// <summary>
/// End to end with real tools: a VP8 + Opus WebM made by ffmpeg is packetised into RTP, sent
/// through a recording with reordering and a lost packet, and the result must satisfy ffprobe
/// and decode in ffmpeg without an error — as must a copy cut by a simulated crash.
/// </summary>
public sealed class RecordingFfmpegTests : IDisposable
{
    private const uint AudioSsrc = 0x0A0B0C0D;
    private const uint VideoSsrc = 0x01020304;
    private const uint AudioBase = uint.MaxValue - 48_000; // wraps after one second
    private const uint VideoBase = 3_000_000_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("relay-rec-ffmpeg-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_recorded_ffmpeg_clip_probes_and_decodes_and_so_does_a_cut_copy()
    {
        var source = Path.Combine(_directory, "source.webm");
        await MediaTools.RunCheckedAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440", "-t", "3", "-c:v", "libvpx", "-g", "30", "-c:a", "libopus", source);
        var clip = WebmTestReader.Read(File.ReadAllBytes(source));
        var videoTrack = clip.Tracks.Single(t => t.Codec == "V_VP8").Number;
        var audioTrack = clip.Tracks.Single(t => t.Codec == "A_OPUS").Number;
        var video = clip.Blocks.Where(b => b.Track == videoTrack).ToList();
        var audio = clip.Blocks.Where(b => b.Track == audioTrack).ToList();
        Assert.Equal(90, video.Count);
        Assert.InRange(audio.Count, 148, 152);

        var sends = Packetize(video, audio, out var lostFrame);
        var time = new ManualTimeProvider();
        var clock = new CallClock(time);
        var output = Path.Combine(_directory, "out.webm");
        var session = RecordingSession.Start(output, new RecordingOptions { OpusChannels = 1 }, clock);
        var now = 0L;
        foreach (var send in sends)
        {
            // Everything crosses the network in 10 ms; the clock moves in whole milliseconds.
            time.Advance(TimeSpan.FromMilliseconds(send.AtMs + 10 - now));
            now = send.AtMs + 10;
            switch (send.Kind)
            {
                case Kind.Audio: Assert.True(session.OnAudioRtp(send.Packet)); break;
                case Kind.Video: Assert.True(session.OnVideoRtp(send.Packet)); break;
                default: session.OnRtcp(send.Packet); break;
            }
        }

        await session.StopAsync();
        Assert.Null(session.Failure);
        Assert.Equal(0, session.PacketsOverflowed);
        Assert.Equal(audio.Count, session.AudioFramesWritten);
        // The frame that lost a packet, and those after it up to the next key frame, are gone.
        var nextKey = video.FindIndex(lostFrame + 1, b => b.Key);
        Assert.Equal(video.Count - (nextKey - lostFrame), session.VideoFramesWritten);

        var cut = Path.Combine(_directory, "cut.webm");
        var closed = File.ReadAllBytes(output);
        File.WriteAllBytes(cut, closed[..(closed.Length * 6 / 10)]);

        Assert.True(WebmFinalizer.TryFinalize(output, out var summary));
        Assert.Equal((320, 240), (summary.VideoWidth, summary.VideoHeight));
        var probe = await ProbeAsync(output);
        Assert.Equal(["opus", "vp8"], probe.Codecs.Order());
        Assert.InRange(probe.Duration, 2.9, 3.1);
        await AssertDecodesAsync(output);

        Assert.True(WebmFinalizer.TryFinalize(cut, out var recovered));
        Assert.True(recovered.DiscardedBytes > 0);
        var cutProbe = await ProbeAsync(cut);
        Assert.Equal(["opus", "vp8"], cutProbe.Codecs.Order());
        Assert.InRange(cutProbe.Duration, 0.5, 2.5);
        Assert.Equal(recovered.Duration.TotalSeconds, cutProbe.Duration, 0.002);
        await AssertDecodesAsync(cut);
    }

    /// <summary>
    /// RTP for every frame (VP8 per RFC 7741 in 500-octet pieces; one Opus frame per packet), in
    /// send order, with sender reports each second; every 7th video packet is overtaken by the
    /// next, and one packet in the middle of the clip is lost.
    /// </summary>
    private static List<Send> Packetize(List<WebmTestReader.Block> video, List<WebmTestReader.Block> audio, out int lostFrame)
    {
        var sends = new List<Send>();
        ushort videoSeq = 65_300;
        var videoPackets = new List<Send>();
        lostFrame = video.FindIndex(b => b.Time >= 1_400 && !b.Key);
        for (var i = 0; i < video.Count; i++)
        {
            var payloads = Vp8Fixtures.Packetize(video[i].Data, 500, pictureId: i);
            for (var p = 0; p < payloads.Count; p++)
            {
                var packet = RecordingPackets.Rtp(RecordingPackets.Vp8PayloadType, videoSeq++, VideoRtp(video[i].Time), VideoSsrc, p == payloads.Count - 1, payloads[p]);
                if (i != lostFrame || p != 0)
                {
                    videoPackets.Add(new Send(video[i].Time, Kind.Video, packet));
                }
            }
        }

        for (var i = 6; i + 1 < videoPackets.Count; i += 7)
        {
            (videoPackets[i], videoPackets[i + 1]) = (videoPackets[i + 1], videoPackets[i]);
        }

        sends.AddRange(videoPackets);
        ushort audioSeq = 65_500;
        foreach (var frame in audio)
        {
            sends.Add(new Send(Math.Max(0, frame.Time), Kind.Audio, RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, audioSeq++, AudioRtp(frame.Time), AudioSsrc, false, frame.Data)));
        }

        var wallClock = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        for (var ms = 1_000; ms < 3_000; ms += 1_000)
        {
            var ntp = NtpTimestamp.FromDateTime(wallClock.AddMilliseconds(ms));
            sends.Add(new Send(ms, Kind.Rtcp, RecordingPackets.SenderReport(VideoSsrc, ntp, VideoRtp(ms))));
            sends.Add(new Send(ms, Kind.Rtcp, RecordingPackets.SenderReport(AudioSsrc, ntp, AudioRtp(ms))));
        }

        // A stable sort: packets sent at the same moment keep their (possibly swapped) order.
        return [.. sends.OrderBy(s => s.AtMs)];
    }

    private static uint VideoRtp(long ms) => unchecked(VideoBase + (uint)(ms * 90));

    private static uint AudioRtp(long ms) => unchecked(AudioBase + (uint)(ms * 48));

    private static async Task<(string[] Codecs, double Duration)> ProbeAsync(string path)
    {
        var json = await MediaTools.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries",
            "stream=codec_name:format=duration", "-of", "json", path);
        using var document = JsonDocument.Parse(json);
        var codecs = document.RootElement.GetProperty("streams").EnumerateArray()
            .Select(s => s.GetProperty("codec_name").GetString()!).ToArray();
        var duration = double.Parse(document.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        return (codecs, duration);
    }

    private static async Task AssertDecodesAsync(string path)
    {
        var (exitCode, _, errors) = await MediaTools.RunAsync("ffmpeg", "-v", "error", "-i", path, "-f", "null", "-");
        Assert.True(exitCode == 0 && errors.Length == 0, $"ffmpeg decoding {Path.GetFileName(path)}: exit {exitCode}: {errors}");
    }

    private enum Kind
    {
        Audio,
        Video,
        Rtcp,
    }

    private sealed record Send(long AtMs, Kind Kind, byte[] Packet);
}
