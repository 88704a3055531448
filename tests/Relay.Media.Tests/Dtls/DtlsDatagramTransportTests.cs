using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>The BouncyCastle DatagramTransport contract over the bounded inbound queue.</summary>
public sealed class DtlsDatagramTransportTests
{
    [Fact]
    public void Receive_returns_queued_datagrams_in_order_then_minus_one_on_timeout()
    {
        var transport = new DtlsDatagramTransport(static _ => { }, 1200, 4, new DtlsCounters());
        var buffer = new byte[1500];

        Assert.True(transport.TryEnqueue([1, 2, 3]));
        Assert.True(transport.TryEnqueue([4]));

        Assert.Equal(3, transport.Receive(buffer, 0, buffer.Length, 10));
        Assert.Equal([1, 2, 3], buffer[..3]);
        Assert.Equal(1, transport.Receive(buffer.AsSpan(), 10));
        Assert.Equal(4, buffer[0]);
        // On the transport's own clock (Environment.TickCount64, coarse on Linux), so the 50 ms
        // need no allowance for its granularity.
        var start = Environment.TickCount64;
        Assert.Equal(-1, transport.Receive(buffer.AsSpan(), 50));
        Assert.InRange(Environment.TickCount64 - start, 50, 2000);
    }

    [Fact]
    public async Task Close_wakes_a_receive_that_waits_without_limit()
    {
        var transport = new DtlsDatagramTransport(static _ => { }, 1200, 4, new DtlsCounters());
        var receive = Task.Factory.StartNew(
            () => transport.Receive(new byte[1500], 0, 1500, 0), TaskCreationOptions.LongRunning);
        await Task.Delay(50);

        transport.Close();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => receive.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.False(transport.TryEnqueue([1]));
    }

    [Fact]
    public void Send_goes_to_the_callback_until_closed_and_limits_are_reported()
    {
        var sent = new List<byte[]>();
        var transport = new DtlsDatagramTransport(d => sent.Add(d.ToArray()), 1200, 4, new DtlsCounters());

        transport.Send([9, 8], 0, 2);
        transport.Send(new ReadOnlySpan<byte>([7]));
        transport.Close();
        transport.Send([6], 0, 1);

        Assert.Equal([[9, 8], [7]], sent);
        Assert.Equal(1200, transport.GetSendLimit());
        Assert.Equal(1500, transport.GetReceiveLimit());
    }
}
