namespace Relay.Media.Dtls;

/// <summary>
/// Sends one DTLS datagram to the leg's remote address. The span is only valid during the
/// call: copy it if the send completes later. It is invoked on the handshake thread, on a
/// thread-pool thread (post-handshake retransmissions and alerts) and on the thread that calls
/// <see cref="DtlsEndpoint.Close"/>; calls for one endpoint never overlap, but they come from
/// different threads. It should not throw: an exception aborts the handshake.
/// </summary>
public delegate void DtlsSendCallback(ReadOnlySpan<byte> datagram);
