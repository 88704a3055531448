namespace Relay.Media.Sdp;

/// <summary>Candidate priority, RFC 8445 §5.1.2.</summary>
public static class IcePriority
{
    /// <summary>The largest local preference (RFC 8445 §5.1.2.1: 0–65535).</summary>
    public const int MaxLocalPreference = 65535;

    /// <summary>
    /// Type preference of an ICE-TCP host candidate: below UDP's 126, so that a browser holding
    /// both uses TCP only when UDP fails (RFC 6544 §4.2); libwebrtc uses the same value.
    /// </summary>
    public const int HostTcpTypePreference = 90;

    /// <summary>The largest other-pref of an ICE-TCP local preference (RFC 6544 §4.2: 0–8191).</summary>
    public const int MaxTcpOtherPreference = 8191;

    /// <summary>
    /// priority = 2^24 × type preference + 2^8 × local preference + (256 − component ID)
    /// (RFC 8445 §5.1.2.1).
    /// </summary>
    public static uint Compute(int typePreference, int localPreference, int componentId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(typePreference);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(typePreference, 126);
        ArgumentOutOfRangeException.ThrowIfNegative(localPreference);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(localPreference, MaxLocalPreference);
        ArgumentOutOfRangeException.ThrowIfLessThan(componentId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(componentId, 256);
        return ((uint)typePreference << 24) + ((uint)localPreference << 8) + (uint)(256 - componentId);
    }

    /// <summary>
    /// An ICE-TCP candidate's local preference, RFC 6544 §4.2: 2^13 × direction-pref + other-pref,
    /// with the recommended direction-prefs for host candidates: active 6, passive 4, so 2.
    /// </summary>
    public static int TcpLocalPreference(IceTcpType tcpType, int otherPreference)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(otherPreference);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(otherPreference, MaxTcpOtherPreference);
        var directionPreference = tcpType switch
        {
            IceTcpType.Active => 6,
            IceTcpType.Passive => 4,
            _ => 2,
        };
        return (directionPreference << 13) + otherPreference;
    }

    /// <summary>The recommended type preferences of RFC 8445 §5.1.2.2: host 126, prflx 110, srflx 100, relay 0.</summary>
    public static int RecommendedTypePreference(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => 126,
        IceCandidateType.PeerReflexive => 110,
        IceCandidateType.ServerReflexive => 100,
        _ => 0,
    };
}
