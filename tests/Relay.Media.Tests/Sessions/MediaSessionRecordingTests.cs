using Relay.Media.Recording;
using Relay.Media.Sessions;
using Relay.Media.Tests.Recording;

namespace Relay.Media.Tests.Sessions;

/// <summary>A leg's recorder gets what its browser sends, through the real relay, while forwarding goes on.</summary>
public sealed class MediaSessionRecordingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relay-recording-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_recorder_of_a_leg_writes_what_its_peer_sends_and_the_other_peer_still_gets_it()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, bobLeg) = await harness.JoinAsync(session);
        var clock = new CallClock(TimeProvider.System);
        var aliceFile = Path.Combine(_directory, "alice.webm");
        var recorder = RecordingSession.Start(aliceFile, aliceLeg.RecordingOptions(), clock, harness.Relay.Counters, aliceLeg);
        aliceLeg.Recorder = recorder;
        var requestsBefore = alice.KeyFrameRequests;
        aliceLeg.RequestVideoKeyFrame();
        await RelayHarness.WaitUntilAsync(() => alice.KeyFrameRequests > requestsBefore, "the PLI for the recording's first frame");

        // One second of 20 ms Opus packets and 25 VP8 frames, a key frame first.
        for (var i = 0; i < 50; i++)
        {
            Assert.True(alice.SendRtp(MediaKind.Audio, WebmFixture.OpusFrame(i), marker: false, timestamp: (uint)(i * 960)));
            if (i % 2 == 0)
            {
                var frame = i == 0 ? Vp8Fixtures.KeyFrame(1200, 1) : Vp8Fixtures.InterFrame(900, (byte)i);
                var payloads = Vp8Fixtures.Packetize(frame, 1000, i / 2);
                for (var p = 0; p < payloads.Count; p++)
                {
                    Assert.True(alice.SendRtp(MediaKind.Video, payloads[p], marker: p == payloads.Count - 1, timestamp: (uint)(i * 1800)));
                }
            }

            await Task.Delay(20);
        }

        await RelayHarness.WaitUntilAsync(() => recorder.PacketsQueued >= 50 + 26, "every packet at the recorder (the key frame is two)");
        aliceLeg.Recorder = null;
        await recorder.StopAsync();

        Assert.Null(bobLeg.Recorder);
        await RelayHarness.WaitUntilAsync(() => bob.ReceivedPackets(MediaKind.Audio) == 50 && bob.ReceivedPackets(MediaKind.Video) == 26, "every packet forwarded to Bob");
        Assert.Equal(0, recorder.PacketsOverflowed);
        Assert.True(WebmFinalizer.TryFinalize(aliceFile, out var summary));
        Assert.Equal(50, summary.AudioFrames);
        Assert.Equal(25, summary.VideoFrames);
        Assert.Equal((320, 240), (summary.VideoWidth, summary.VideoHeight));
        Assert.InRange(summary.Duration, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(10));
    }
}
