using Relay.Media.Recovery;
using Relay.Media.Rtcp;

namespace Relay.Media.Sessions;

// A receiver's NACK: the receiving leg answers from its cache; what it lacks goes to the sender.
public sealed partial class MediaSession
{
    private const int MaxForwardedSequences = NackPacketBuilder.MaxSequences;

    private void AnswerNack(MediaLeg receiver, GenericNackPacket nack)
    {
        Span<ushort> toForward = stackalloc ushort[MaxForwardedSequences];
        var count = receiver.AnswerNack(nack, toForward, out var sourceSsrc);
        if (count == 0)
        {
            return;
        }

        // One leg at a time: the receiver's lock is released before the sender's is taken.
        foreach (var sender in Volatile.Read(ref _legs))
        {
            if (sender.HasInboundSource(sourceSsrc))
            {
                sender.ForwardNack(sourceSsrc, toForward[..count]);
                return;
            }
        }
    }
}
