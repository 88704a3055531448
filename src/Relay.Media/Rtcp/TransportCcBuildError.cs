namespace Relay.Media.Rtcp;

/// <summary>Why <see cref="TransportCcWriter.TryCreate"/> refused its input.</summary>
public enum TransportCcBuildError
{
    None = 0,

    /// <summary>No arrivals given.</summary>
    Empty,

    /// <summary>Sequence numbers not strictly ascending (modulo 2^16, by less than 2^15 each step).</summary>
    NotAscending,

    /// <summary>More than 65535 sequence numbers from first to last.</summary>
    TooManyPackets,

    /// <summary>A negative arrival time.</summary>
    NegativeArrivalTime,

    /// <summary>Two consecutive arrivals more than ±8.19 s apart: split the feedback there.</summary>
    DeltaOutOfRange,
}
