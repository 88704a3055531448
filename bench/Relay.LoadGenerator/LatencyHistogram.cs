using System.Diagnostics;

namespace Relay.LoadGenerator;

/// <summary>
/// One-way latencies in 1 µs buckets up to 200 ms (one overflow bucket beyond), preallocated and
/// updated with interlocked increments from every receive loop: recording allocates nothing.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Buckets = 200_000;

    private static readonly double TicksPerMicrosecond = Stopwatch.Frequency / 1e6;

    private readonly long[] _counts = new long[Buckets + 1];
    private long _maxTicks;

    public void Record(long ticks)
    {
        var micros = (long)(Math.Max(ticks, 0) / TicksPerMicrosecond);
        Interlocked.Increment(ref _counts[Math.Min(micros, Buckets)]);
        var max = Volatile.Read(ref _maxTicks);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxTicks, ticks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var count in _counts)
            {
                total += count;
            }

            return total;
        }
    }

    public double MaxMicroseconds => Volatile.Read(ref _maxTicks) / TicksPerMicrosecond;

    /// <summary>The upper edge of the bucket holding the <paramref name="quantile"/>, in µs.</summary>
    public double Percentile(double quantile)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i + 1;
            }
        }

        return double.PositiveInfinity;
    }
}
