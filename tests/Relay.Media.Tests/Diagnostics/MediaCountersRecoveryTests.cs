using System.Diagnostics.Metrics;
using Relay.Media.Diagnostics;

namespace Relay.Media.Tests.Diagnostics;

/// <summary>The loss-recovery counters are published on the relay's meter, as /metrics reads them.</summary>
public sealed class MediaCountersRecoveryTests
{
    /// <summary>Relays of tests running in parallel publish meters of the same name; this count tells ours apart.</summary>
    private const long Marker = 918_273;

    [Fact]
    public void Each_recovery_counter_is_an_instrument_of_the_relays_meter_with_its_value()
    {
        using var counters = new MediaCounters();
        counters.NackReceived();
        counters.NackReceived();
        counters.NackSent();
        counters.NackForwarded();
        counters.RetransmissionSent(rtx: true);
        counters.RetransmissionSent(rtx: true);
        counters.RetransmissionSent(rtx: false);
        counters.CacheMissed(4);
        counters.RtxPacketReceived();
        counters.RtxPacketDiscarded();
        counters.LossGivenUp(Marker);

        var measured = MeasureOurs();

        Assert.Equal(2, measured["mediarelay.nacks.received"]);
        Assert.Equal(1, measured["mediarelay.nacks.sent"]);
        Assert.Equal(1, measured["mediarelay.nacks.forwarded"]);
        Assert.Equal(2, measured["mediarelay.retransmissions.sent{kind=rtx}"]);
        Assert.Equal(1, measured["mediarelay.retransmissions.sent{kind=plain}"]);
        Assert.Equal(4, measured["mediarelay.retransmission.cache_misses"]);
        Assert.Equal(1, measured["mediarelay.rtx.received"]);
        Assert.Equal(1, measured["mediarelay.rtx.discarded"]);
        Assert.Equal(3, counters.RetransmissionsSent);
    }

    private static Dictionary<string, long> MeasureOurs()
    {
        var byMeter = new Dictionary<Meter, Dictionary<string, long>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MediaCounters.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var name = instrument.Name;
            foreach (var tag in tags)
            {
                name += $"{{{tag.Key}={tag.Value}}}";
            }

            lock (byMeter)
            {
                if (!byMeter.TryGetValue(instrument.Meter, out var values))
                {
                    byMeter[instrument.Meter] = values = [];
                }

                values[name] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return Assert.Single(byMeter.Values, values => values.GetValueOrDefault("mediarelay.loss.abandoned") == Marker);
    }
}
