using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>Start, close and the bounded inbound queue.</summary>
public sealed class DtlsLifecycleTests
{
    [Fact]
    public async Task Closing_during_the_handshake_fails_it_as_closed_and_ends_the_thread()
    {
        using var server = new DtlsServer(
            DtlsTestPair.ServerCertificate, DtlsTestPair.ClientCertificate.Fingerprint, static _ => { },
            DtlsTestPair.FastOptions());
        server.Start();

        server.Close();

        Assert.Equal(DtlsFailure.Closed, await DtlsTestPair.FailureOf(server));
        Assert.True(server.JoinHandshakeThread(TimeSpan.FromSeconds(2)));
        await server.Closed.WaitAsync(DtlsTestPair.Bound);
    }

    [Fact]
    public async Task Close_after_the_handshake_sends_close_notify_and_the_peer_ends()
    {
        using var pair = new DtlsTestPair();
        await pair.CompleteAsync();
        var sentBefore = pair.ToServer.Carried.Count;

        pair.Client.Close();

        await pair.Client.Closed.WaitAsync(DtlsTestPair.Bound);
        await pair.Server.Closed.WaitAsync(DtlsTestPair.Bound);
        // One encrypted alert record: 13-byte header, 8-byte explicit nonce, 2-byte alert, 16-byte tag.
        var closeNotify = Assert.Single(pair.ToServer.Carried.Skip(sentBefore));
        Assert.Equal(21, closeNotify[0]);
        Assert.True(pair.Server.JoinHandshakeThread(DtlsTestPair.Bound));
        Assert.True(pair.Client.JoinHandshakeThread(DtlsTestPair.Bound));
    }

    [Fact]
    public void The_inbound_queue_is_bounded_and_drops_are_counted()
    {
        var options = DtlsTestPair.FastOptions() with { InboundQueueCapacity = 2 };
        using var server = new DtlsServer(
            DtlsTestPair.ServerCertificate, DtlsTestPair.ClientCertificate.Fingerprint, static _ => { }, options);

        Assert.True(server.Deliver([22, 1]));
        Assert.True(server.Deliver([22, 2]));
        Assert.False(server.Deliver([22, 3]));
        Assert.False(server.Deliver(new byte[1501]));
        Assert.False(server.Deliver([]));
        Assert.Equal(3, options.Counters.DatagramsDropped);
    }

    [Fact]
    public void Start_runs_once()
    {
        using var server = new DtlsServer(
            DtlsTestPair.ServerCertificate, DtlsTestPair.ClientCertificate.Fingerprint, static _ => { },
            DtlsTestPair.FastOptions());
        server.Close();

        Assert.Throws<InvalidOperationException>(() => server.Start());
        Assert.True(server.Closed.IsCompleted);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new DtlsServer(
            DtlsTestPair.ServerCertificate, DtlsTestPair.ClientCertificate.Fingerprint, static _ => { },
            DtlsOptions.Default with { SrtpProfiles = [] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtlsServer(
            DtlsTestPair.ServerCertificate, DtlsTestPair.ClientCertificate.Fingerprint, static _ => { },
            DtlsOptions.Default with { Mtu = 2000 }));
    }
}
