namespace Relay.Media.Sdp;

/// <summary>Candidate types, RFC 8445 §5.1.1 (<c>typ</c> in RFC 8839 §5.1).</summary>
public enum IceCandidateType
{
    Host,
    ServerReflexive,
    PeerReflexive,
    Relayed,
}

/// <summary>ICE-TCP connection roles, RFC 6544 (<c>tcptype</c>).</summary>
public enum IceTcpType
{
    Active,
    Passive,
    SimultaneousOpen,
}
