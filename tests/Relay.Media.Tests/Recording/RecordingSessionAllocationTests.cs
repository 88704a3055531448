using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

/// <summary>Handing a packet to a recording runs on the relay's receive thread: it must not allocate.</summary>
public sealed class RecordingSessionAllocationTests : IDisposable
{
    private readonly string _path = WebmFixture.TempPath();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Queueing_packets_allocates_nothing_on_the_calling_thread()
    {
        var session = RecordingSession.Start(_path, new RecordingOptions { Video = false }, new CallClock(TimeProvider.System));
        var packets = Enumerable.Range(0, 2_000)
            .Select(i => RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, (ushort)i, (uint)(i * 960), 7, false, WebmFixture.OpusFrame(i)))
            .ToArray();
        var sr = RecordingPackets.SenderReport(7, new Relay.Media.Rtcp.NtpTimestamp(1UL << 40), 0);

        // Warm up with the same burst: the queue's storage and the buffer pool grow to it once.
        for (var i = 0; i < 1_000; i++)
        {
            session.OnAudioRtp(packets[i]);
            session.OnRtcp(sr);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (session.AudioFramesWritten < 1_000)
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer did not take the warm-up burst");
            await Task.Delay(20);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1_000; i < 2_000; i++)
        {
            session.OnAudioRtp(packets[i]);
            session.OnRtcp(sr);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await session.StopAsync();
        Assert.Equal(0, session.PacketsOverflowed);
        Assert.Equal(0, allocated);
    }
}
