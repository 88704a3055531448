using System.Diagnostics;
using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>Loss, duplication, reordering, fragmentation and silence during the handshake (RFC 6347 §4.2).</summary>
public sealed class DtlsNetworkTests
{
    private const byte HandshakeContentType = 22;

    [Fact]
    public async Task Completes_despite_a_lost_first_flight_a_duplicate_and_a_reordering()
    {
        using var pair = new DtlsTestPair(
            toServer: new DtlsTestWire { Policy = static (i, _) => i == 0 ? WireAction.Drop : WireAction.Deliver },
            toClient: new DtlsTestWire
            {
                Policy = static (i, _) => i switch
                {
                    1 => WireAction.Duplicate,
                    2 => WireAction.HoldForNext,
                    _ => WireAction.Deliver,
                },
            });
        // The bound is about retransmission, not the first handshake's compilation in this process.
        await DtlsEndpoint.WarmUpAsync();
        var clock = Stopwatch.StartNew();

        var (server, client) = await pair.CompleteAsync();

        Assert.True(client.LocalMasterKey.SequenceEqual(server.RemoteMasterKey));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_lost_final_flight_is_retransmitted_by_the_established_server()
    {
        // The server's Finished is its first record in epoch 1. Once it has sent it the server
        // is established; only the post-handshake pump can answer the client's retransmission.
        var droppedFinished = 0;
        using var pair = new DtlsTestPair(toClient: new DtlsTestWire
        {
            Policy = (_, datagram) => IsEpochOneHandshake(datagram) && Interlocked.Exchange(ref droppedFinished, 1) == 0
                ? WireAction.Drop
                : WireAction.Deliver,
        });

        var (server, client) = await pair.CompleteAsync();

        Assert.Equal(1, droppedFinished);
        Assert.True(server.LocalMasterKey.SequenceEqual(client.RemoteMasterKey));
    }

    [Fact]
    public async Task A_small_mtu_fragments_the_handshake_and_still_completes()
    {
        var serverOptions = DtlsTestPair.FastOptions() with { Mtu = 300 };
        var clientOptions = DtlsTestPair.FastOptions() with { Mtu = 300 };
        using var pair = new DtlsTestPair(serverOptions, clientOptions);

        var (server, client) = await pair.CompleteAsync();

        Assert.True(client.LocalMasterKey.SequenceEqual(server.RemoteMasterKey));
        Assert.All(pair.ToClient.Carried, d => Assert.InRange(d.Length, 1, 300));
        Assert.All(pair.ToServer.Carried, d => Assert.InRange(d.Length, 1, 300));
    }

    [Fact]
    public async Task A_server_whose_peer_never_answers_times_out_and_its_thread_ends()
    {
        var options = DtlsTestPair.FastOptions() with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) };
        using var server = new DtlsServer(
            DtlsTestPair.ServerCertificate, DtlsTestPair.ClientCertificate.Fingerprint, static _ => { }, options);
        var clock = Stopwatch.StartNew();

        server.Start();

        Assert.Equal(DtlsFailure.Timeout, await DtlsTestPair.FailureOf(server));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        Assert.True(server.JoinHandshakeThread(TimeSpan.FromSeconds(2)));
        Assert.True(server.Closed.IsCompleted);
        Assert.Equal(1, options.Counters.Timeouts);
        Assert.Equal(1, options.Counters.HandshakeFailures);
    }

    [Fact]
    public async Task A_client_whose_server_never_answers_times_out_and_its_thread_ends()
    {
        var options = DtlsTestPair.FastOptions() with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) };
        var sent = 0;
        using var client = new DtlsClient(
            DtlsTestPair.ClientCertificate, DtlsTestPair.ServerCertificate.Fingerprint,
            _ => Interlocked.Increment(ref sent), options);

        client.Start();

        Assert.Equal(DtlsFailure.Timeout, await DtlsTestPair.FailureOf(client));
        Assert.True(client.JoinHandshakeThread(TimeSpan.FromSeconds(2)));
        // The ClientHello went out and was retransmitted at least once before giving up.
        Assert.True(Volatile.Read(ref sent) >= 2, $"sent {sent}");
    }

    private static bool IsEpochOneHandshake(byte[] datagram) =>
        datagram.Length > 13 && datagram[0] == HandshakeContentType && datagram[3] == 0 && datagram[4] == 1;
}
