using System.Net.Sockets;
using Relay.Media.Sessions;
using Relay.Media.Tests.Sessions;

namespace Relay.Media.Tests.Transport;

/// <summary>
/// Sending on an ICE-TCP path is part of the forwarding step, which runs on the UDP receive
/// thread: queuing a frame must not allocate (ARCHITECTURE.md, "Hot path").
/// </summary>
public sealed class IceTcpConnectionAllocationTests
{
    /// <summary>A burst of 2.4 MB: far beyond the 128 KiB queue bound.</summary>
    private const int Frames = 2000;

    [Fact]
    public async Task Queuing_frames_allocates_nothing_on_the_sending_thread()
    {
        await using var harness = new RelayHarness();
        var (_, leg) = harness.Offer(new MediaSession());
        using var wire = await TcpWire.ConnectAsync(harness);
        await wire.SendFrameAsync(MediaLegSecurityTests.Check(leg, leg.Ice.Local.Password, out _));
        Assert.NotNull(await wire.ReadFrameAsync());
        var connection = Assert.Single(harness.Relay.TcpConnections);
        using var stop = new CancellationTokenSource();
        var drain = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                await wire.Socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
            }
        });
        var packet = new byte[1200];
        packet[0] = 0x80;

        // Warm-up: bursts that fill the queue to its bound grow the block pool, the pipe's segment
        // pool and the schedulers' queues to the most a connection can hold in flight.
        for (var burst = 0; burst < 20; burst++)
        {
            SendBurst(connection, packet);
            await RelayHarness.WaitUntilAsync(() => connection.QueuedBytes == 0, "the queue to drain");
        }

        // The pools may still grow once to a new peak of blocks in flight (a bounded, one-off cost),
        // so the steady state is the best of a few rounds; a cost per frame shows in every round.
        var allocated = long.MaxValue;
        for (var round = 0; round < 3 && allocated > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var burst = 0; burst < 5; burst++)
            {
                SendBurst(connection, packet);
                // Synchronously: the count is this thread's alone.
                while (connection.QueuedBytes > 0 && !connection.IsClosed)
                {
                    Thread.Sleep(1);
                }
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);
        Assert.Equal(0, allocated);
        Assert.True(harness.Relay.TcpCounters!.SendQueueDrops > 0, "The bursts never reached the queue bound.");
    }

    /// <summary>More than the queue holds, as fast as one thread can: the queue fills and the rest is dropped.</summary>
    private static void SendBurst(Relay.Media.Transport.IceTcpConnection connection, byte[] packet)
    {
        for (var i = 0; i < Frames; i++)
        {
            connection.TrySend(packet);
        }
    }
}
