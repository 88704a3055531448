namespace Relay.Media.Transport;

/// <summary>Why the ICE-TCP listener closed a connection at accept (the rejected counter's label).</summary>
public enum TcpRejectReason
{
    /// <summary>Media:TcpMaxConnections connections were open.</summary>
    ConnectionLimit,

    /// <summary>Media:TcpMaxUnboundPerAddress connections from the same address were not yet bound to a leg.</summary>
    UnboundPerAddressLimit,
}
