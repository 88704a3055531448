namespace Relay.Media.Rtcp;

/// <summary>
/// Input to <see cref="TransportCcWriter"/>: a transport-wide sequence number and when it
/// arrived, in microseconds of the receiver's monotonic clock, or null if it is lost.
/// </summary>
public readonly record struct TransportCcArrival(ushort SequenceNumber, long? ArrivalMicroseconds)
{
    public static TransportCcArrival Lost(ushort sequenceNumber) => new(sequenceNumber, null);

    public static TransportCcArrival At(ushort sequenceNumber, long arrivalMicroseconds) =>
        new(sequenceNumber, arrivalMicroseconds);
}
