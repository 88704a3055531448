namespace Relay.Media.Dtls;

/// <summary>
/// Why a DTLS handshake failed. Kept small and stable so the values can serve as metric labels.
/// </summary>
public enum DtlsFailure
{
    /// <summary>The peer's certificate does not hash to the fingerprint from its SDP (RFC 8122 §5).</summary>
    FingerprintMismatch,

    /// <summary>The peer sent no certificate although one is required (RFC 5763 §5).</summary>
    MissingCertificate,

    /// <summary>The use_srtp extension was missing or had no profile in common (RFC 5764 §4.1.1).</summary>
    NoCommonSrtpProfile,

    /// <summary>The handshake did not finish within <see cref="DtlsOptions.HandshakeTimeout"/>.</summary>
    Timeout,

    /// <summary>The leg was closed locally before the handshake finished.</summary>
    Closed,

    /// <summary>The peer aborted the handshake with a fatal alert.</summary>
    RemoteAlert,

    /// <summary>Any other protocol error (bad signature, unexpected message, internal error).</summary>
    HandshakeFailed,
}

/// <summary>The exception a failed handshake's task ends with.</summary>
public sealed class DtlsHandshakeException : Exception
{
    /// <summary>Creates the exception for <paramref name="failure"/>.</summary>
    public DtlsHandshakeException(DtlsFailure failure, string message, Exception? innerException)
        : base(message, innerException) => Failure = failure;

    /// <summary>The classified reason.</summary>
    public DtlsFailure Failure { get; }
}
