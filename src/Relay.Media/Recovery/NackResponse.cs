namespace Relay.Media.Recovery;

/// <summary>
/// What <see cref="NackResponder.Respond"/> did with the sequences of one Generic NACK; the
/// counts feed metrics. The first <see cref="Forwarded"/> entries of the caller's span hold the
/// sequences to NACK to the sender, in its numbering.
/// </summary>
public readonly record struct NackResponse(int Resent, int RateLimited, int Forwarded, int Dropped);
