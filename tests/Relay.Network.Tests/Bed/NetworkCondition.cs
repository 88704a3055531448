namespace Relay.Network.Tests.Bed;

/// <summary>What the test bed does to the browser's traffic between its namespace and the relay.</summary>
public enum NetworkCondition
{
    /// <summary>Behind NAT, nothing else: the bitrate-climb and 720p check.</summary>
    Clean,

    /// <summary>Behind NAT over UDP (issue 5, a).</summary>
    Nat,

    /// <summary>Behind NAT with every UDP datagram to the relay dropped: only ICE-TCP can connect (b).</summary>
    UdpBlocked,

    /// <summary>Behind NAT, 5 % of the UDP datagrams dropped at random, each direction (c).</summary>
    Loss5Percent,

    /// <summary>Behind NAT, the browser's link shaped to 1 Mbit/s each way (d).</summary>
    Capped1Mbit,

    /// <summary>Behind NAT, the media through a user-space proxy adding 100 ms ± 10 ms each way (e).</summary>
    Delay100Ms,
}
