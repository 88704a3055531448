namespace Relay.Media.Ice;

public enum IceCheckResult
{
    /// <summary>Authenticated: the response is written and the source address may be bound.</summary>
    Accepted,

    /// <summary>MESSAGE-INTEGRITY missing or wrong, or FINGERPRINT wrong: drop, bind nothing.</summary>
    IntegrityFailed,

    /// <summary>USERNAME is not "ourUfrag:theirUfrag" for this leg.</summary>
    WrongUsername,

    /// <summary>Not a Binding request (ICE-lite answers nothing else).</summary>
    NotABindingRequest,
}
