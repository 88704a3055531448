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
        const int Burst = 1_000;
        const int Rounds = 3;
        var session = RecordingSession.Start(_path, new RecordingOptions { Video = false }, new CallClock(TimeProvider.System));
        var packets = Enumerable.Range(0, Burst * (1 + Rounds))
            .Select(i => RecordingPackets.Rtp(RecordingPackets.OpusPayloadType, (ushort)i, (uint)(i * 960), 7, false, WebmFixture.OpusFrame(i)))
            .ToArray();
        var sr = RecordingPackets.SenderReport(7, new Relay.Media.Rtcp.NtpTimestamp(1UL << 40), 0);
        var sent = 0;

        // The queue's storage and the buffer pool grow to the most packets in flight, which depends
        // on when the writer's ticks fall in a burst: the first burst warms them up, and the fewest
        // bytes of the later ones counts, as SteadyStateAllocation does. A cost per packet shows in
        // every burst.
        await BurstAsync();
        var fewest = long.MaxValue;
        for (var round = 0; round < Rounds && fewest > 0; round++)
        {
            fewest = Math.Min(fewest, await BurstAsync());
        }

        await session.StopAsync();
        Assert.Equal(0, session.PacketsOverflowed);
        Assert.Equal(0, fewest);

        async Task<long> BurstAsync()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var end = sent + Burst; sent < end; sent++)
            {
                session.OnAudioRtp(packets[sent]);
                session.OnRtcp(sr);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (session.AudioFramesWritten < sent)
            {
                Assert.True(DateTime.UtcNow < deadline, "the writer did not take the burst");
                await Task.Delay(20);
            }

            return allocated;
        }
    }
}
