namespace Relay.Data.Entities;

/// <summary>
/// One party's link quality in a call over a few seconds (the quality timeline): what the relay
/// measured of the party's uplink and what the party's browser reported of its downlink.
/// </summary>
public sealed class QualitySample
{
    public long Id { get; set; }

    public Guid CallId { get; set; }

    public CallRecord Call { get; set; } = null!;

    /// <summary>The party whose leg this is (the call's caller or callee).</summary>
    public string UserId { get; set; } = "";

    public DateTime At { get; set; }

    /// <summary>Fraction (0 to 1) of the party's packets to the relay lost over the interval, after retransmissions.</summary>
    public double LossIn { get; set; }

    /// <summary>Fraction (0 to 1) of the relay's packets to the party its browser last reported lost.</summary>
    public double LossOut { get; set; }

    /// <summary>The worse interarrival jitter of the two directions, in milliseconds.</summary>
    public double JitterMs { get; set; }

    /// <summary>Round trip between the relay and the party's browser; null until its reports gave one.</summary>
    public double? RttMs { get; set; }

    /// <summary>Bits per second the party sent the relay.</summary>
    public double BitrateIn { get; set; }

    /// <summary>Bits per second the relay sent the party.</summary>
    public double BitrateOut { get; set; }
}
