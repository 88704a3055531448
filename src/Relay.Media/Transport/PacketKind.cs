namespace Relay.Media.Transport;

/// <summary>What a datagram on the shared media port carries; also a metric label.</summary>
public enum PacketKind : byte
{
    Unknown = 0,
    Stun,
    Zrtp,
    Dtls,
    TurnChannel,
    Rtp,
    Rtcp,
}
