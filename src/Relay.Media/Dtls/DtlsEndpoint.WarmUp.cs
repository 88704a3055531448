namespace Relay.Media.Dtls;

/// <summary>Start-up warm-up of the handshake code path.</summary>
public abstract partial class DtlsEndpoint
{
    /// <summary>
    /// Runs one complete in-memory handshake between a throw-away server and client using
    /// <see cref="DtlsCertificate.Shared"/>. The first handshake in a process costs 200–400 ms of
    /// JIT and EC set-up, long enough to trigger a browser's DTLS retransmissions; after this,
    /// a handshake takes ~40–100 ms (MEDIA-NOTES pitfall 4). Counters of the warm-up are kept
    /// apart from <see cref="DtlsCounters.Shared"/>. Call once at start-up.
    /// </summary>
    /// <exception cref="DtlsHandshakeException">The in-memory handshake failed; the process cannot do DTLS.</exception>
    public static async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        var certificate = DtlsCertificate.Shared;
        var options = DtlsOptions.Default with { Counters = new DtlsCounters() };
        DtlsClient? client = null;
        using var server = new DtlsServer(certificate, certificate.Fingerprint, d => client?.Deliver(d), options);
        client = new DtlsClient(certificate, certificate.Fingerprint, d => server.Deliver(d), options);
        using (client)
        {
            server.Start();
            client.Start();
            await Task.WhenAll(server.Completion, client.Completion).WaitAsync(cancellationToken);
        }
    }
}
