namespace Relay.Media.Transport;

/// <summary>What one ICE-TCP listener allows; <see cref="MediaOptions"/> documents each value.</summary>
public sealed record IceTcpLimits
{
    public int MaxConnections { get; init; } = 1000;

    public TimeSpan UnboundTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxUnboundPerAddress { get; init; } = 32;

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int SendQueueBytes { get; init; } = 128 * 1024;

    /// <summary>Largest frame payload: the largest datagram the UDP path accepts.</summary>
    public int MaxFrameLength { get; init; } = Rfc4571Framer.DefaultMaxFrameLength;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUnboundPerAddress, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(UnboundTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(SendQueueBytes, Rfc4571Framer.GetFrameSize(MaxFrameLength));
    }
}
