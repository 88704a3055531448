using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

public class WebmWriterTests
{
    [Fact]
    public void The_header_describes_a_webm_with_opus_and_vp8()
    {
        using var stream = new MemoryStream();
        using (var writer = new WebmWriter(stream, audio: true, video: true, opusChannels: 2, TimeSpan.FromSeconds(5)))
        {
            writer.SetVideoSize(640, 360);
        }

        var file = WebmTestReader.Read(stream.ToArray(), allowUnknownSizes: true);
        Assert.Equal("webm", file.DocType);
        Assert.False(file.SegmentSizeKnown);
        Assert.Equal(1_000_000UL, file.TimecodeScale);
        Assert.Null(file.Duration); // only a reserved slot until finalised
        var audio = Assert.Single(file.Tracks, t => t.Type == MatroskaId.TrackTypeAudio);
        Assert.Equal(1, audio.Number);
        Assert.Equal("A_OPUS", audio.Codec);
        Assert.Equal(48_000.0, audio.SamplingFrequency);
        Assert.Equal(2, audio.Channels);
        // "OpusHead", version 1, 2 channels, pre-skip 0, 48 kHz, gain 0, mapping family 0.
        Assert.Equal(Convert.FromHexString("4F7075734865616401020000" + "80BB0000" + "000000"), audio.CodecPrivate);
        var video = Assert.Single(file.Tracks, t => t.Type == MatroskaId.TrackTypeVideo);
        Assert.Equal(2, video.Number);
        Assert.Equal("V_VP8", video.Codec);
        Assert.Equal((640, 360), (video.Width, video.Height));
        Assert.Equal([MatroskaId.SeekHead, MatroskaId.Void, MatroskaId.Info, MatroskaId.Tracks], file.TopLevel);
    }

    [Fact]
    public void An_audio_only_recording_has_one_track()
    {
        using var stream = new MemoryStream();
        using (new WebmWriter(stream, audio: true, video: false, opusChannels: 1, TimeSpan.FromSeconds(5)))
        {
        }

        var file = WebmTestReader.Read(stream.ToArray(), allowUnknownSizes: true);
        var audio = Assert.Single(file.Tracks);
        Assert.Equal("A_OPUS", audio.Codec);
        Assert.Equal(1, audio.Number);
    }

    [Fact]
    public void Blocks_carry_times_relative_to_their_cluster_and_key_frames_open_clusters()
    {
        using var stream = new MemoryStream();
        using (WebmFixture.Write(stream, seconds: 3))
        {
        }

        var file = WebmTestReader.Read(stream.ToArray(), allowUnknownSizes: true);
        // A key frame every 30 frames of 33 ms opens a cluster; the first joins the audio at 0.
        Assert.Equal([0L, 990L, 1980L, 2970L], file.Clusters.Select(c => c.Time));
        foreach (var cluster in file.Clusters)
        {
            var first = cluster.Blocks.First(b => b.Track == 2);
            Assert.True(first.Key);
            Assert.Equal(0, cluster.Blocks[0].Relative);
            Assert.Equal(0, first.Relative);
            Assert.All(cluster.Blocks.Where(b => b.Track == 2).Skip(1), b => Assert.False(b.Key));
        }

        var audio = file.Blocks.Where(b => b.Track == 1).ToList();
        Assert.Equal(150, audio.Count);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => i * 20L), audio.Select(b => b.Time));
        Assert.All(audio, b => Assert.True(b.Key));
        Assert.Equal(91, file.Blocks.Count(b => b.Track == 2));
        var times = file.Blocks.Select(b => b.Time).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void A_new_cluster_starts_before_the_relative_timecode_overflows()
    {
        using var stream = new MemoryStream();
        using (WebmFixture.Write(stream, seconds: 70, video: false, maxClusterMs: 40_000))
        {
        }

        var file = WebmTestReader.Read(stream.ToArray(), allowUnknownSizes: true);
        // 40 s is asked, but a block's 16-bit offset reaches 32.767 s: clusters every 32,767 ms at most.
        Assert.Equal([0L, 32_780L, 65_560L], file.Clusters.Select(c => c.Time));
        Assert.All(file.Blocks, b => Assert.InRange(b.Relative, 0, short.MaxValue));
        Assert.Equal(3500, file.Blocks.Count());
    }

    [Fact]
    public void Audio_only_files_get_a_cluster_every_maximum_duration()
    {
        using var stream = new MemoryStream();
        using (WebmFixture.Write(stream, seconds: 12, video: false))
        {
        }

        var file = WebmTestReader.Read(stream.ToArray(), allowUnknownSizes: true);
        Assert.Equal([0L, 5_000L, 10_000L], file.Clusters.Select(c => c.Time));
    }

    [Fact]
    public void A_frame_earlier_than_the_last_is_written_at_the_last_time()
    {
        using var stream = new MemoryStream();
        using (var writer = new WebmWriter(stream, audio: true, video: false, opusChannels: 1, TimeSpan.FromSeconds(5)))
        {
            writer.WriteFrame(1, 100, true, WebmFixture.OpusFrame(0));
            writer.WriteFrame(1, 90, true, WebmFixture.OpusFrame(1));
            writer.WriteFrame(1, 120, true, WebmFixture.OpusFrame(2));
        }

        var file = WebmTestReader.Read(stream.ToArray(), allowUnknownSizes: true);
        Assert.Equal([100L, 100L, 120L], file.Blocks.Select(b => b.Time));
    }

    [Fact]
    public void Closed_clusters_get_their_sizes_and_only_the_open_one_is_unknown()
    {
        using var stream = new MemoryStream();
        var writer = WebmFixture.Write(stream, seconds: 3);
        writer.Flush();
        var live = stream.ToArray();
        writer.Complete();
        var closed = stream.ToArray();
        Assert.Equal(live.Length, closed.Length);

        // While recording, the last cluster's size is unknown; the others are sized.
        var clusterIds = FindAll(live, [0x1F, 0x43, 0xB6, 0x75]);
        Assert.Equal(4, clusterIds.Count);
        Assert.Equal(0x01, live[clusterIds[0] + 4]);
        Assert.Equal(EbmlWriter.UnknownSize8, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(live.AsSpan(clusterIds[3] + 4)));
        Assert.NotEqual(EbmlWriter.UnknownSize8, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(live.AsSpan(clusterIds[2] + 4)));
        Assert.NotEqual(EbmlWriter.UnknownSize8, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(closed.AsSpan(clusterIds[3] + 4)));
    }

    private static List<int> FindAll(byte[] data, byte[] pattern)
    {
        var found = new List<int>();
        for (var i = data.AsSpan().IndexOf(pattern); i >= 0;)
        {
            found.Add(i);
            var next = data.AsSpan(i + 1).IndexOf(pattern);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return found;
    }
}
