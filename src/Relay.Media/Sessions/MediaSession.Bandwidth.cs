namespace Relay.Media.Sessions;

// Bitrate caps between legs: a sender must not send more than the slowest of its receivers can take.
public sealed partial class MediaSession
{
    /// <summary>
    /// After a receiver's cap changed: every leg that sends video is capped (REMB) at the lowest
    /// cap among the legs it sends to — every other leg, or itself in an echo test. In a group
    /// call each sender gets the whole cap of a receiver's link, not a share of it: the browser's
    /// own estimator, fed by our transport-cc, still keeps the sum in check on the relay's side.
    /// </summary>
    private void ShareBitrateCaps()
    {
        var legs = Volatile.Read(ref _legs);
        foreach (var sender in legs)
        {
            var lowest = long.MaxValue;
            foreach (var receiver in legs)
            {
                if ((receiver != sender || Echo) && receiver.VideoOut is not null && receiver.BitrateCap is > 0 and var cap)
                {
                    lowest = Math.Min(lowest, cap);
                }
            }

            if (lowest != long.MaxValue)
            {
                sender.CapSendBitrate(lowest);
            }
        }
    }
}
