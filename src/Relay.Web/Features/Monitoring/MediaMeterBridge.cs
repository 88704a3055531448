using System.Diagnostics.Metrics;
using Prometheus;

namespace Relay.Web.Features.Monitoring;

/// <summary>
/// Publishes the instruments of given <see cref="Meter"/> instances (the media relay's) in a Prometheus
/// registry under names of our choosing: dots become underscores, a unit of "By" or "s" adds
/// "_bytes" or "_seconds", and counters end in "_total" ("mediarelay.forwarded" in bytes is
/// mediarelay_forwarded_bytes_total). Tags become labels; the media plane keeps them bounded.
/// </summary>
/// <remarks>
/// Why not prometheus-net's MeterAdapter: it prefixes the meter's name, exports counters as
/// gauges, and listens to every meter of that name in the process, so two relays in one
/// process (the tests) would mix. This bridge follows the Meter instances it is given.
/// Observable instruments are read just before each scrape. Synchronous ones call back on the
/// thread that records, taking a lock: fine for per-leg events (a handshake), wrong for
/// per-packet ones, which the media plane keeps in interlocked fields behind observable
/// instruments.
/// </remarks>
public sealed class MediaMeterBridge : IDisposable
{
    private readonly IReadOnlyCollection<Meter> _meters;
    private readonly MetricFactory _factory;
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<Instrument, Collector> _collectors = [];
    private volatile bool _disposed;

    public MediaMeterBridge(IReadOnlyCollection<Meter> meters, CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _meters = meters;
        _factory = Metrics.WithCustomRegistry(registry);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
        // The registry has no way to remove a callback: after disposal it does nothing.
        registry.AddBeforeCollectCallback(() =>
        {
            if (!_disposed)
            {
                _listener.RecordObservableInstruments();
            }
        });
    }

    /// <summary>The Prometheus name of an instrument.</summary>
    public static string PrometheusName(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        var unit = instrument.Unit switch
        {
            "By" => "_bytes",
            "s" => "_seconds",
            _ => "",
        };
        if (unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal))
        {
            name += unit;
        }

        return IsCounter(instrument) ? name + "_total" : name;
    }

    private static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType
            && (type.GetGenericTypeDefinition() == typeof(ObservableCounter<>) || type.GetGenericTypeDefinition() == typeof(Counter<>));
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new string[tags.Length];
        var values = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = tags[i].Key;
            values[i] = tags[i].Value?.ToString() ?? "";
        }

        // Tag order is not guaranteed; label order is part of a Prometheus metric's identity.
        Array.Sort(labels, values, StringComparer.Ordinal);
        lock (_gate)
        {
            if (!_collectors.TryGetValue(instrument, out var collector))
            {
                collector = Create(instrument, labels);
                _collectors[instrument] = collector;
            }

            switch (collector)
            {
                case Counter counter when instrument.IsObservable:
                    counter.WithLabels(values).IncTo(value);
                    break;
                case Counter counter:
                    counter.WithLabels(values).Inc(value);
                    break;
                case Histogram histogram:
                    histogram.WithLabels(values).Observe(value);
                    break;
                case Gauge gauge when instrument.IsObservable:
                    gauge.WithLabels(values).Set(value);
                    break;
                case Gauge gauge:
                    // An up-down counter: each measurement is a change.
                    gauge.WithLabels(values).Inc(value);
                    break;
            }
        }
    }

    private Collector Create(Instrument instrument, string[] labels)
    {
        var name = PrometheusName(instrument);
        var help = instrument.Description ?? instrument.Name;
        if (IsCounter(instrument))
        {
            return _factory.CreateCounter(name, help, labels);
        }

        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>)
            ? _factory.CreateHistogram(name, help, labels)
            : _factory.CreateGauge(name, help, labels);
    }

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
    }
}
