namespace Relay.Media.Sessions;

/// <summary>Why a leg failed. The names are metric label values: keep them stable.</summary>
public enum LegFailure
{
    /// <summary>ICE and DTLS did not complete within the connect timeout.</summary>
    ConnectTimeout,

    /// <summary>The DTLS handshake failed (a bad certificate, no common profile, an alert, a timeout).</summary>
    DtlsFailed,

    /// <summary>The browser's certificate did not match the fingerprint in its offer.</summary>
    FingerprintMismatch,

    /// <summary>No authenticated ICE check for the consent timeout (RFC 7675): the browser is gone.</summary>
    ConsentExpired,
}
