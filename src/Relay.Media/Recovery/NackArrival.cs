namespace Relay.Media.Recovery;

/// <summary>What <see cref="NackRequester.OnPacket"/> made of an arriving sequence number.</summary>
public enum NackArrival
{
    /// <summary>The next one expected (or the first): pass it on.</summary>
    InOrder,

    /// <summary>Newer than the next expected: the ones between are now gaps. Pass it on, and NACK.</summary>
    AfterGap,

    /// <summary>
    /// Too far from anything seen to be a gap (a long dropout, or the sender restarted its
    /// numbering): the stream starts again here. Pass it on; what came before cannot be asked for.
    /// </summary>
    Restarted,

    /// <summary>Fills a gap (a retransmission, or an original that was only late): pass it on.</summary>
    Recovered,

    /// <summary>Arrived before: passing it on again would duplicate it.</summary>
    Duplicate,

    /// <summary>A retransmission too far from the stream's numbering to place: drop it.</summary>
    Stale,
}
