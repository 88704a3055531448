namespace Relay.Media.Sdp;

/// <summary>What the relay puts into every answer for one leg.</summary>
public sealed class RelayAnswerParameters
{
    /// <summary>Our ICE username fragment for this leg (RFC 8839 §5.4: 4–256 ice-chars).</summary>
    public required string IceUfrag { get; init; }

    /// <summary>Our ICE password for this leg (RFC 8839 §5.4: 22–256 ice-chars, at least 128 bits of randomness).</summary>
    public required string IcePwd { get; init; }

    /// <summary>The hash of the relay's DTLS certificate, normally sha-256 (RFC 8122 §5).</summary>
    public required DtlsFingerprint Fingerprint { get; init; }

    /// <summary>The relay's candidates; an ICE-lite agent lists all of them in the answer (RFC 8445 §5.2).</summary>
    public IReadOnlyList<IceCandidate> Candidates { get; init; } = [];

    /// <summary>o= session id: random, below 2^63 (RFC 8829 §5.2.1).</summary>
    public required ulong SessionId { get; init; }

    /// <summary>o= session version; increase it for each new answer in the same session.</summary>
    public ulong SessionVersion { get; init; } = 1;

    /// <summary>The RTCP CNAME announced with our SSRCs (RFC 7022 recommends a random 96-bit value).</summary>
    public required string CName { get; init; }

    /// <summary>Streams the relay sends, by mid; a mid without an entry sends nothing announced.</summary>
    public IReadOnlyDictionary<string, OutboundSource> OutboundSources { get; init; } =
        new Dictionary<string, OutboundSource>();

    /// <summary>
    /// Chromium's x-google-start-bitrate (kbit/s) on the answered video codec: where the browser's
    /// bandwidth estimate starts. Null leaves the browser's default.
    /// </summary>
    public int? VideoStartBitrateKbps { get; init; }
}
