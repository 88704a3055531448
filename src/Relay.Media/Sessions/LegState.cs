namespace Relay.Media.Sessions;

public enum LegState
{
    /// <summary>Answer sent; waiting for ICE checks and the DTLS handshake.</summary>
    Connecting,

    /// <summary>SRTP keys are in place; media flows.</summary>
    Connected,

    /// <summary>Ended by failure; see <see cref="MediaLeg.Failure"/>.</summary>
    Failed,

    /// <summary>Ended on purpose (hang-up, session end, shutdown).</summary>
    Closed,
}
