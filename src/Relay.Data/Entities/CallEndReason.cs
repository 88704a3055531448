namespace Relay.Data.Entities;

public enum CallEndReason
{
    HungUp = 0,
    Rejected = 1,

    /// <summary>Nobody answered before the ring timeout.</summary>
    Missed = 2,

    /// <summary>The caller hung up while it was ringing.</summary>
    Cancelled = 3,

    /// <summary>The callee was already in a call.</summary>
    Busy = 4,

    /// <summary>ICE or DTLS failed, or a party's media or connection dropped and did not come back in time.</summary>
    Failed = 5,

    ServerShutdown = 6,

    /// <summary>An administrator ended the call from /admin/calls.</summary>
    EndedByAdmin = 7,
}
