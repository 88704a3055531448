using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>Successful handshakes and the SRTP keys they derive (RFC 5764 §4.2).</summary>
public sealed class DtlsHandshakeTests
{
    [Theory]
    [InlineData(DtlsSrtpProfile.Aes128CmHmacSha1Tag80, 16, 14)]
    [InlineData(DtlsSrtpProfile.Aes128CmHmacSha1Tag32, 16, 14)]
    [InlineData(DtlsSrtpProfile.AeadAes128Gcm, 16, 12)]
    [InlineData(DtlsSrtpProfile.AeadAes256Gcm, 32, 12)]
    public async Task Both_sides_derive_the_same_keys_crosswise(DtlsSrtpProfile profile, int keyLength, int saltLength)
    {
        using var pair = new DtlsTestPair(DtlsTestPair.FastOptions(profile), DtlsTestPair.FastOptions(profile));

        var (server, client) = await pair.CompleteAsync();

        Assert.Equal(profile, server.Profile);
        Assert.Equal(profile, client.Profile);
        Assert.Equal(keyLength, server.LocalMasterKey.Length);
        Assert.Equal(saltLength, server.LocalMasterSalt.Length);
        Assert.Equal(keyLength, server.RemoteMasterKey.Length);
        Assert.Equal(saltLength, server.RemoteMasterSalt.Length);
        Assert.True(client.LocalMasterKey.SequenceEqual(server.RemoteMasterKey));
        Assert.True(client.LocalMasterSalt.SequenceEqual(server.RemoteMasterSalt));
        Assert.True(server.LocalMasterKey.SequenceEqual(client.RemoteMasterKey));
        Assert.True(server.LocalMasterSalt.SequenceEqual(client.RemoteMasterSalt));
        Assert.False(server.LocalMasterKey.SequenceEqual(server.RemoteMasterKey));
        Assert.Equal(DtlsTestPair.ClientCertificate.Fingerprint, server.RemoteFingerprint);
        Assert.Equal(DtlsTestPair.ServerCertificate.Fingerprint, client.RemoteFingerprint);
        Assert.Equal(1, pair.ServerOptions.Counters.HandshakesCompleted);
        Assert.Equal(0, pair.ServerOptions.Counters.HandshakeFailures);
    }

    [Fact]
    public async Task The_server_preference_decides_the_profile()
    {
        // Chromium 156 offers the profiles in this order (MEDIA-NOTES).
        var chromiumOrder = DtlsTestPair.FastOptions(
            DtlsSrtpProfile.Aes128CmHmacSha1Tag80, DtlsSrtpProfile.AeadAes256Gcm, DtlsSrtpProfile.AeadAes128Gcm);
        using var pair = new DtlsTestPair(clientOptions: chromiumOrder);

        var (server, client) = await pair.CompleteAsync();

        Assert.Equal(DtlsSrtpProfile.AeadAes128Gcm, server.Profile);
        Assert.Equal(DtlsSrtpProfile.AeadAes128Gcm, client.Profile);
    }

    [Fact]
    public async Task Keys_reach_the_callback_on_the_handshake_thread_before_completion()
    {
        using var pair = new DtlsTestPair();
        DtlsSrtpKeys? fromCallback = null;
        string? threadName = null;
        var completedAtCallback = true;

        pair.Server.Start(keys =>
        {
            fromCallback = keys;
            threadName = Thread.CurrentThread.Name;
            completedAtCallback = pair.Server.Completion.IsCompleted;
        });
        pair.Client.Start();
        var keys = await pair.Server.Completion.WaitAsync(DtlsTestPair.Bound);

        Assert.Same(keys, fromCallback);
        Assert.Equal("dtls-server-handshake", threadName);
        Assert.False(completedAtCallback);
        Assert.True(pair.Server.JoinHandshakeThread(DtlsTestPair.Bound));
    }

    [Fact]
    public async Task A_throwing_key_callback_fails_the_handshake()
    {
        using var pair = new DtlsTestPair();

        pair.Server.Start(static _ => throw new InvalidOperationException("no SRTP context"));
        pair.Client.Start();

        Assert.Equal(DtlsFailure.HandshakeFailed, await DtlsTestPair.FailureOf(pair.Server));
        Assert.True(pair.Server.JoinHandshakeThread(DtlsTestPair.Bound));
    }

    [Fact]
    public async Task Concurrent_legs_sharing_one_certificate_complete_independently()
    {
        var pairs = Enumerable.Range(0, 8).Select(_ => new DtlsTestPair()).ToArray();
        try
        {
            var results = await Task.WhenAll(pairs.Select(p => p.CompleteAsync()));

            Assert.All(results, r => Assert.True(r.Client.LocalMasterKey.SequenceEqual(r.Server.RemoteMasterKey)));
            Assert.Equal(8, results.Select(r => Convert.ToHexString(r.Server.LocalMasterKey)).Distinct().Count());
        }
        finally
        {
            Array.ForEach(pairs, p => p.Dispose());
        }
    }

    [Fact]
    public async Task Warm_up_runs_one_in_memory_handshake()
    {
        var before = DtlsCounters.Shared.HandshakesStarted;

        await DtlsEndpoint.WarmUpAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // The warm-up keeps its own counters so it does not show up in metrics.
        Assert.Equal(before, DtlsCounters.Shared.HandshakesStarted);
    }
}
