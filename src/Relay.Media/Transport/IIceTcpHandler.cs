namespace Relay.Media.Transport;

/// <summary>
/// Receives the frames of every ICE-TCP connection. Each connection calls from its own receive
/// loop, one frame at a time, so calls for different connections run concurrently (and
/// alongside the UDP receive thread). The frame span is reused for the next frame.
/// </summary>
public interface IIceTcpHandler
{
    /// <param name="frame">One RFC 4571 frame's payload: a STUN, DTLS, RTP or RTCP packet; may be modified in place.</param>
    void OnFrame(Span<byte> frame, IceTcpConnection connection);

    /// <summary>The connection has closed (for any reason) and sends nothing more; release what refers to it.</summary>
    void OnClosed(IceTcpConnection connection);
}
