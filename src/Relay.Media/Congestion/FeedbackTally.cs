namespace Relay.Media.Congestion;

/// <summary>
/// Packets and bytes delivered and lost over some feedback, as <see cref="TransportCcSendHistory.Apply"/>
/// counts them, and over what span of send times those packets went out: rates are taken over
/// the sender's own timeline, which feedback delay and batching do not stretch.
/// </summary>
public struct FeedbackTally
{
    private bool _hasSendTime;

    public int PacketsDelivered { get; private set; }

    public int PacketsLost { get; private set; }

    public long BytesDelivered { get; private set; }

    public long BytesLost { get; private set; }

    /// <summary>Send time of the earliest packet counted, in milliseconds.</summary>
    public long FirstSentAt { get; private set; }

    /// <summary>Send time of the latest packet counted, in milliseconds.</summary>
    public long LastSentAt { get; private set; }

    public readonly int PacketsReported => PacketsDelivered + PacketsLost;

    public void Delivered(int size, long sentAt, bool wasCountedLost)
    {
        PacketsDelivered++;
        BytesDelivered += size;
        if (wasCountedLost)
        {
            PacketsLost--;
            BytesLost -= size;
        }

        NoteSendTime(sentAt);
    }

    public void Lost(int size, long sentAt)
    {
        PacketsLost++;
        BytesLost += size;
        NoteSendTime(sentAt);
    }

    /// <summary>Both tallies together, as if every packet had been counted into one.</summary>
    public static FeedbackTally Combine(in FeedbackTally first, in FeedbackTally second)
    {
        if (!first._hasSendTime)
        {
            return second;
        }

        if (!second._hasSendTime)
        {
            return first;
        }

        return new FeedbackTally
        {
            PacketsDelivered = first.PacketsDelivered + second.PacketsDelivered,
            PacketsLost = first.PacketsLost + second.PacketsLost,
            BytesDelivered = first.BytesDelivered + second.BytesDelivered,
            BytesLost = first.BytesLost + second.BytesLost,
            FirstSentAt = Math.Min(first.FirstSentAt, second.FirstSentAt),
            LastSentAt = Math.Max(first.LastSentAt, second.LastSentAt),
            _hasSendTime = true,
        };
    }

    private void NoteSendTime(long sentAt)
    {
        FirstSentAt = _hasSendTime ? Math.Min(FirstSentAt, sentAt) : sentAt;
        LastSentAt = _hasSendTime ? Math.Max(LastSentAt, sentAt) : sentAt;
        _hasSendTime = true;
    }
}
