namespace Relay.Data.Entities;

/// <summary>The server-authoritative call lifecycle (ARCHITECTURE.md, "Call lifecycle").</summary>
public enum CallState
{
    Ringing = 0,

    /// <summary>The callee accepted; the browsers are connecting to the relay.</summary>
    Accepted = 1,

    /// <summary>Media flows from both legs.</summary>
    Connected = 2,

    Ended = 3,
}
