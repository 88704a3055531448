using Prometheus;
using Relay.Web.Features.Calls;

namespace Relay.Web.Features.Monitoring;

/// <summary>
/// Connects the running media relay to the app's Prometheus registry: its meter through the
/// bridge, its DTLS handshake times, and the live call and leg gauges, read just before each
/// scrape. Registered after the relay's host, so the relay exists when this starts.
/// </summary>
internal sealed class MonitoringHost(MediaRelayHost media, CallManager calls, CallMetrics metrics, CollectorRegistry registry) : IHostedService, IDisposable
{
    private MediaMeterBridge? _bridge;
    private Relay.Media.Dtls.DtlsCounters? _dtls;
    private volatile bool _running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var relay = media.Relay;
        _bridge = new MediaMeterBridge(relay.TcpCounters is { } tcp ? [relay.Counters.Meter, tcp.Meter] : [relay.Counters.Meter], registry);
        _dtls = relay.DtlsCounters;
        _dtls.HandshakeCompleted += metrics.DtlsHandshakeCompleted;
        _running = true;
        registry.AddBeforeCollectCallback(UpdateGauges);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _running = false;
        if (_dtls is not null)
        {
            _dtls.HandshakeCompleted -= metrics.DtlsHandshakeCompleted;
        }

        _bridge?.Dispose();
    }

    private void UpdateGauges()
    {
        if (!_running || media.Running is not { } relay)
        {
            return;
        }

        var transports = new List<string>(relay.LegCount);
        foreach (var leg in relay.Legs)
        {
            transports.Add(LegTransport.Of(leg));
        }

        metrics.SetActive(calls.LiveCalls(), transports);
    }
}
