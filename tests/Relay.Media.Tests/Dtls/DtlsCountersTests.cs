using System.Collections.Concurrent;
using System.Diagnostics;

namespace Relay.Media.Tests.Dtls;

public sealed class DtlsCountersTests
{
    [Fact]
    public async Task A_completed_handshake_reports_its_duration_from_the_peer_s_first_datagram_not_from_start()
    {
        using var pair = new DtlsTestPair();
        var durations = new ConcurrentQueue<TimeSpan>();
        pair.ServerOptions.Counters.HandshakeCompleted += durations.Enqueue;

        // The server waits for a browser that starts late: that wait is ICE's, not DTLS's.
        pair.Server.Start();
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var clientRunning = Stopwatch.StartNew();
        pair.Client.Start();
        await pair.Server.Completion.WaitAsync(DtlsTestPair.Bound);
        await pair.Client.Completion.WaitAsync(DtlsTestPair.Bound);
        var clientElapsed = clientRunning.Elapsed;

        var duration = Assert.Single(durations);
        Assert.InRange(duration, TimeSpan.FromTicks(1), clientElapsed);
        Assert.Equal(1, pair.ServerOptions.Counters.HandshakesCompleted);
    }

    [Fact]
    public async Task A_failed_handshake_reports_no_duration()
    {
        using var pair = new DtlsTestPair(serverExpects: DtlsTestPair.OtherCertificate.Fingerprint);
        var reported = 0;
        pair.ServerOptions.Counters.HandshakeCompleted += _ => Interlocked.Increment(ref reported);

        pair.Start();
        await DtlsTestPair.FailureOf(pair.Server);

        Assert.Equal(0, reported);
        Assert.Equal(1, pair.ServerOptions.Counters.FingerprintMismatches);
    }
}
