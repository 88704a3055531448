using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

public sealed class WebmFinalizerTests : IDisposable
{
    private readonly string _path = WebmFixture.TempPath();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_closed_recording_gets_duration_cues_seek_head_and_segment_size()
    {
        WriteRecording(seconds: 3);
        Assert.True(WebmFinalizer.TryFinalize(_path, out var summary));
        var bytes = File.ReadAllBytes(_path);
        var file = WebmTestReader.Read(bytes);

        // Audio ends at 2,980 + 20 ms; video at 2,970 + 33 ms.
        Assert.Equal(3_003.0, file.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(3_003), summary.Duration);
        Assert.Equal(150, summary.AudioFrames);
        Assert.Equal(91, summary.VideoFrames);
        Assert.Equal((320, 240), (summary.VideoWidth, summary.VideoHeight));
        Assert.Equal(0, summary.DiscardedBytes);
        Assert.Equal(bytes.Length, summary.FileSize);

        Assert.Equal(file.Clusters.Select(c => (c.Time, 2, c.Position)), file.Cues);
        Assert.Equal(MatroskaId.Cues, file.TopLevel[^1]);
        foreach (var (id, position) in file.Seeks)
        {
            Assert.True(EbmlReader.TryReadId(bytes.AsSpan((int)(file.SegmentStart + position)), out var found, out _));
            Assert.Equal(id, found);
        }

        Assert.Equal([MatroskaId.Info, MatroskaId.Tracks, MatroskaId.Cues], file.Seeks.Select(s => s.Id));
    }

    [Fact]
    public void Finalising_again_changes_nothing()
    {
        WriteRecording(seconds: 2);
        Assert.True(WebmFinalizer.TryFinalize(_path, out var first));
        var once = File.ReadAllBytes(_path);
        Assert.True(WebmFinalizer.TryFinalize(_path, out var second));
        Assert.Equal(once, File.ReadAllBytes(_path));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Audio_only_files_get_a_cue_per_cluster()
    {
        using (var stream = new FileStream(_path, FileMode.CreateNew))
        using (WebmFixture.Write(stream, seconds: 12, video: false))
        {
        }

        Assert.True(WebmFinalizer.TryFinalize(_path, out var summary));
        var file = WebmTestReader.Read(File.ReadAllBytes(_path));
        Assert.Equal([(0L, 1), (5_000L, 1), (10_000L, 1)], file.Cues.Select(c => (c.Time, c.Track)));
        Assert.Equal(12_000.0, file.Duration);
        Assert.Equal(0, summary.VideoFrames);
    }

    [Fact]
    public void A_video_track_that_never_got_a_frame_is_voided()
    {
        using (var stream = new FileStream(_path, FileMode.CreateNew))
        using (var writer = new WebmWriter(stream, audio: true, video: true, opusChannels: 1, TimeSpan.FromSeconds(5)))
        {
            for (var i = 0; i < 50; i++)
            {
                writer.WriteFrame(writer.AudioTrack, i * 20, true, WebmFixture.OpusFrame(i));
            }
        }

        Assert.True(WebmFinalizer.TryFinalize(_path, out var summary));
        var file = WebmTestReader.Read(File.ReadAllBytes(_path));
        Assert.Equal("A_OPUS", Assert.Single(file.Tracks).Codec);
        Assert.Equal(1_000.0, file.Duration);
        Assert.Equal((0, 0), (summary.VideoWidth, summary.VideoHeight));
    }

    [Fact]
    public void A_file_cut_in_its_header_cannot_be_recovered()
    {
        WriteRecording(seconds: 1);
        var bytes = File.ReadAllBytes(_path);
        foreach (var cut in new[] { 0, 3, 40, 200 })
        {
            File.WriteAllBytes(_path, bytes[..cut]);
            Assert.False(WebmFinalizer.TryFinalize(_path, out _));
        }

        File.WriteAllBytes(_path, "not a webm file at all"u8.ToArray());
        Assert.False(WebmFinalizer.TryFinalize(_path, out _));
    }

    [Fact]
    public void A_file_cut_anywhere_after_its_header_keeps_every_complete_block()
    {
        // The file as a crash leaves it: written and flushed, the last cluster still of unknown size.
        byte[] live;
        using (var stream = new MemoryStream())
        {
            var writer = WebmFixture.Write(stream, seconds: 2.5);
            writer.Flush();
            live = stream.ToArray();
        }

        var reference = WebmTestReader.Read(live, allowUnknownSizes: true);
        var blocks = reference.Blocks.ToList();
        var blockEnds = BlockEnds(live, blocks.Count);
        var headerEnd = FirstClusterOffset(live);

        var cuts = new SortedSet<int>();
        for (var cut = headerEnd - 3; cut <= live.Length; cut += 7)
        {
            cuts.Add(cut);
        }

        foreach (var end in blockEnds)
        {
            cuts.Add(end - 1);
            cuts.Add(end);
            cuts.Add(end + 1);
        }

        cuts.Add(live.Length);
        foreach (var cut in cuts.Where(c => c <= live.Length))
        {
            File.WriteAllBytes(_path, live[..cut]);
            var recovered = WebmFinalizer.TryFinalize(_path, out var summary);
            Assert.True(recovered == (cut >= headerEnd), $"cut at {cut}");
            if (!recovered)
            {
                continue;
            }

            var file = WebmTestReader.Read(File.ReadAllBytes(_path));
            var expected = blockEnds.Count(e => e <= cut);
            Assert.True(expected == file.Blocks.Count(), $"cut at {cut}: {file.Blocks.Count()} blocks, expected {expected}");
            Assert.Equal(blocks.Take(expected).Select(b => (b.Track, b.Time)), file.Blocks.Select(b => (b.Track, b.Time)));
            Assert.Equal(expected, summary.AudioFrames + summary.VideoFrames);
            Assert.Equal(ExpectedDuration(blocks.Take(expected).ToList()), file.Duration ?? 0);
            Assert.All(file.Cues, c => Assert.Contains(file.Clusters, cl => cl.Position == c.Position));
            Assert.Equal(file.Tracks.Count, file.Blocks.Select(b => b.Track).Distinct().Count());
        }
    }

    private void WriteRecording(double seconds)
    {
        using var stream = new FileStream(_path, FileMode.CreateNew);
        using var writer = WebmFixture.Write(stream, seconds);
    }

    /// <summary>The end offset of every SimpleBlock, in file order.</summary>
    private static List<int> BlockEnds(byte[] file, int count)
    {
        var ends = new List<int>();
        var at = FirstClusterOffset(file);
        while (at < file.Length)
        {
            Assert.True(EbmlReader.TryReadHeader(file.AsSpan(at), out var header));
            if (header.Id == MatroskaId.Cluster)
            {
                at += header.HeaderLength;
                continue;
            }

            at += header.HeaderLength + (int)header.Size;
            if (header.Id == MatroskaId.SimpleBlock)
            {
                ends.Add(at);
            }
        }

        Assert.Equal(count, ends.Count);
        return ends;
    }

    private static int FirstClusterOffset(byte[] file) => file.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x1F, 0x43, 0xB6, 0x75]);

    private static double ExpectedDuration(List<WebmTestReader.Block> blocks)
    {
        var audio = blocks.Where(b => b.Track == 1).Select(b => b.Time + 20.0).DefaultIfEmpty(0).Max();
        var video = blocks.Where(b => b.Track == 2).ToList();
        var videoEnd = video.Count == 0 ? 0 : video[^1].Time + (video.Count > 1 ? video[^1].Time - video[^2].Time : 0);
        return Math.Max(audio, videoEnd);
    }
}
