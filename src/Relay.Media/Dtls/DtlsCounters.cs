namespace Relay.Media.Dtls;

/// <summary>
/// Monotonic DTLS counters for the media plane to export as metrics. Every member is updated
/// with <see cref="Interlocked"/> and may be read from any thread.
/// </summary>
public sealed class DtlsCounters
{
    private long _handshakesStarted;
    private long _handshakesCompleted;
    private long _handshakeFailures;
    private long _fingerprintMismatches;
    private long _timeouts;
    private long _datagramsDropped;

    /// <summary>The process-wide counters used when <see cref="DtlsOptions.Counters"/> is not set.</summary>
    public static DtlsCounters Shared { get; } = new();

    /// <summary>Handshakes started (one per endpoint).</summary>
    public long HandshakesStarted => Interlocked.Read(ref _handshakesStarted);

    /// <summary>Handshakes that produced SRTP keys.</summary>
    public long HandshakesCompleted => Interlocked.Read(ref _handshakesCompleted);

    /// <summary>Handshakes that failed for any reason, timeouts and fingerprint mismatches included.</summary>
    public long HandshakeFailures => Interlocked.Read(ref _handshakeFailures);

    /// <summary>Handshakes rejected because the peer certificate did not match the SDP fingerprint.</summary>
    public long FingerprintMismatches => Interlocked.Read(ref _fingerprintMismatches);

    /// <summary>Handshakes that ran out of time.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Inbound datagrams dropped because a leg's queue was full, closed, or the datagram too large.</summary>
    public long DatagramsDropped => Interlocked.Read(ref _datagramsDropped);

    internal void OnStarted() => Interlocked.Increment(ref _handshakesStarted);

    /// <summary>
    /// Raised on the handshake thread after each handshake that produced keys, with its duration:
    /// from the first datagram received from the peer (for a server, its ClientHello) to the
    /// keys, so the time a browser takes to start DTLS after ICE does not count. The counters hold
    /// no Meter of their own (every client peer has counters, and an undisposed Meter is never
    /// freed); whoever exports them subscribes. A handler must be quick and must not throw.
    /// </summary>
    public event Action<TimeSpan>? HandshakeCompleted;

    internal void OnCompleted(TimeSpan duration)
    {
        Interlocked.Increment(ref _handshakesCompleted);
        HandshakeCompleted?.Invoke(duration);
    }

    internal void OnDatagramDropped() => Interlocked.Increment(ref _datagramsDropped);

    internal void OnFailed(DtlsFailure failure)
    {
        Interlocked.Increment(ref _handshakeFailures);
        if (failure == DtlsFailure.FingerprintMismatch)
        {
            Interlocked.Increment(ref _fingerprintMismatches);
        }
        else if (failure == DtlsFailure.Timeout)
        {
            Interlocked.Increment(ref _timeouts);
        }
    }
}
