using Prometheus;
using Relay.Data.Entities;
using Relay.Web.Features.Calls;

namespace Relay.Web.Features.Monitoring;

/// <summary>
/// What the web app knows about calls, in Prometheus terms (names listed in ops/README.md).
/// Labels are bounded sets (end reasons, states, transports): never a user or a call id.
/// </summary>
public sealed class CallMetrics
{
    private readonly Counter _ended;
    private readonly Counter _dropouts;
    private readonly Histogram _setup;
    private readonly Histogram _dtlsHandshake;
    private readonly Gauge _activeCalls;
    private readonly Gauge _activeLegs;

    public CallMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _ended = factory.CreateCounter(MetricNames.Prefix + "calls_ended_total", "Calls ended, by reason.", "reason");
        _dropouts = factory.CreateCounter(MetricNames.Prefix + "call_dropouts_total", "Parties of connected calls whose connection or media dropped, by how it ended.", "outcome");
        // From the callee's accept to media from both browsers: ICE, DTLS and the first packets.
        _setup = factory.CreateHistogram(MetricNames.Prefix + "call_setup_seconds", "Time from a call's accept to media flowing both ways.", new HistogramConfiguration
        {
            Buckets = [0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30],
        });
        _dtlsHandshake = factory.CreateHistogram(MetricNames.Prefix + "dtls_handshake_seconds", "Server DTLS handshakes, from the browser's first datagram to SRTP keys.", new HistogramConfiguration
        {
            Buckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });
        _activeCalls = factory.CreateGauge(MetricNames.Prefix + "calls_active", "Calls not yet ended on this node, by state.", "state");
        _activeLegs = factory.CreateGauge(MetricNames.Prefix + "legs_active", "Media legs (browser PeerConnections, echo tests included), by transport.", "transport");

        // Every label value from the start, so a rate over a reason that has not happened yet is 0, not absent.
        foreach (var reason in Enum.GetValues<CallEndReason>())
        {
            _ended.WithLabels(Label(reason));
        }

        foreach (var transport in LegTransport.All)
        {
            _activeLegs.WithLabels(transport);
        }

        foreach (var outcome in DropoutOutcomes)
        {
            _dropouts.WithLabels(outcome);
        }

        foreach (var state in LiveStates)
        {
            _activeCalls.WithLabels(Label(state));
        }
    }

    private static readonly CallState[] LiveStates = [CallState.Ringing, CallState.Accepted, CallState.Connected];

    /// <summary>A dropped party came back in time, or the call ended for want of it.</summary>
    private static readonly string[] DropoutOutcomes = ["resumed", "timed_out"];

    public static string Label(CallEndReason reason) => MetricNames.SnakeCase(reason.ToString());

    public static string Label(CallState state) => MetricNames.SnakeCase(state.ToString());

    public void CallEnded(CallEndReason reason) => _ended.WithLabels(Label(reason)).Inc();

    /// <summary>A party the call waited for (Calls:ReconnectGrace) is back.</summary>
    public void DropoutResumed() => _dropouts.WithLabels("resumed").Inc();

    /// <summary>A party the call waited for did not come back in time, and the call ended.</summary>
    public void DropoutTimedOut() => _dropouts.WithLabels("timed_out").Inc();

    public void CallConnected(TimeSpan setup) => _setup.Observe(Math.Max(0, setup.TotalSeconds));

    public void DtlsHandshakeCompleted(TimeSpan duration) => _dtlsHandshake.Observe(duration.TotalSeconds);

    /// <summary>Sets the gauges from a snapshot, just before a scrape.</summary>
    public void SetActive(IReadOnlyList<LiveCall> calls, IEnumerable<string> legTransports)
    {
        foreach (var state in LiveStates)
        {
            var count = 0;
            foreach (var call in calls)
            {
                if (call.State == state)
                {
                    count++;
                }
            }

            _activeCalls.WithLabels(Label(state)).Set(count);
        }

        var legs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var transport in LegTransport.All)
        {
            legs[transport] = 0;
        }

        foreach (var transport in legTransports)
        {
            legs[transport] = legs.GetValueOrDefault(transport) + 1;
        }

        foreach (var (transport, count) in legs)
        {
            _activeLegs.WithLabels(transport).Set(count);
        }
    }
}
