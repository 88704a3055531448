namespace Relay.Media.Recovery;

/// <summary>Outcome of looking up a NACKed packet; doubles as a metric label.</summary>
public enum RetransmissionLookup
{
    /// <summary>Stored and fresh: resend it.</summary>
    Hit,

    /// <summary>Never stored, overwritten, or too old: only the sender can help.</summary>
    Miss,

    /// <summary>Stored, but resent too recently for another copy to help.</summary>
    RateLimited,
}
