using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Relay.Network.Tests.Bed;

/// <summary>
/// One direction of the delay proxy: each datagram leaves <c>delay ± jitter</c> after it came in,
/// but never before the one ahead of it. Jitter that reorders (netem's default) would test the
/// jitter buffer's reordering as much as the delay; a path that holds packets back without
/// reordering them is the common case (a queue), and is what this condition is about.
/// </summary>
internal sealed class DelayLine(TimeSpan delay, TimeSpan jitter, Func<byte[], ValueTask> send)
{
    private readonly Channel<(long Due, byte[] Datagram)> _queue = Channel.CreateUnbounded<(long, byte[])>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private long _lastDue;

    /// <summary>Called by the one receive loop of this direction only.</summary>
    public void Enqueue(byte[] datagram)
    {
        var spread = (Random.Shared.NextDouble() * 2 - 1) * jitter.TotalSeconds;
        var due = Stopwatch.GetTimestamp() + (long)((delay.TotalSeconds + spread) * Stopwatch.Frequency);
        _lastDue = Math.Max(_lastDue, due);
        _queue.Writer.TryWrite((_lastDue, datagram));
    }

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var (due, datagram) in _queue.Reader.ReadAllAsync(stop))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop);
                }

                try
                {
                    await send(datagram);
                }
                catch (SocketException)
                {
                    // Refused or unreachable for the moment (a relay restarting): the datagram is lost, as on a real path.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
