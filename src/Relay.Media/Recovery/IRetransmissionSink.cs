namespace Relay.Media.Recovery;

/// <summary>
/// Where <see cref="NackResponder"/> hands each resent packet: the leg, which encrypts it under the
/// packet's own SSRC (the track's, or the RTX one) and sends it. Called synchronously under the
/// leg's lock; the plaintext span is valid only during the call.
/// </summary>
public interface IRetransmissionSink
{
    void Send(ReadOnlySpan<byte> packet);
}
