namespace Relay.Media.Dtls;

/// <summary>Settings shared by DTLS endpoints; one immutable instance can serve every leg.</summary>
public sealed record DtlsOptions
{
    /// <summary>Defaults suitable for browser legs.</summary>
    public static DtlsOptions Default { get; } = new();

    /// <summary>
    /// Upper bound on the whole handshake; past it the endpoint closes its transport and fails
    /// with <see cref="DtlsFailure.Timeout"/>.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Initial retransmission timer for a handshake flight, doubled on each retransmission
    /// (RFC 6347 §4.2.4.1 recommends 1 s). Tests lower it to keep loss scenarios fast.
    /// </summary>
    public TimeSpan RetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// SRTP protection profiles in preference order. A server picks the first of these that the
    /// client offers (RFC 5764 §4.1.1 leaves the choice to the server); a client offers them in
    /// this order. AEAD_AES_128_GCM comes first because it is the cheapest to run (MEDIA-NOTES).
    /// </summary>
    public IReadOnlyList<DtlsSrtpProfile> SrtpProfiles { get; init; } =
        [DtlsSrtpProfile.AeadAes128Gcm, DtlsSrtpProfile.Aes128CmHmacSha1Tag80];

    /// <summary>
    /// Largest datagram the endpoint sends. 1200 bytes leaves room for IPv6, UDP and TURN/ICE-TCP
    /// framing under a 1280-byte path MTU (the value browsers use for DTLS too). BouncyCastle
    /// fragments handshake messages to fit (RFC 6347 §4.2.3).
    /// </summary>
    public int Mtu { get; init; } = 1200;

    /// <summary>
    /// Inbound datagrams a leg may hold before new ones are dropped. A handshake flight is a
    /// handful of datagrams, so a small bound absorbs retransmissions and stops a flood.
    /// </summary>
    public int InboundQueueCapacity { get; init; } = 32;

    /// <summary>Where failures and drops are counted.</summary>
    public DtlsCounters Counters { get; init; } = DtlsCounters.Shared;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HandshakeTimeout, TimeSpan.Zero, nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetransmitTimeout, TimeSpan.FromMilliseconds(10), nameof(RetransmitTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(Mtu, DtlsDatagramTransport.MinMtu, nameof(Mtu));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Mtu, DtlsDatagramTransport.MaxDatagramSize, nameof(Mtu));
        ArgumentOutOfRangeException.ThrowIfLessThan(InboundQueueCapacity, 1, nameof(InboundQueueCapacity));
        ArgumentNullException.ThrowIfNull(Counters, nameof(Counters));
        ArgumentNullException.ThrowIfNull(SrtpProfiles, nameof(SrtpProfiles));
        if (SrtpProfiles.Count == 0)
        {
            throw new ArgumentException("At least one SRTP protection profile is required.", nameof(SrtpProfiles));
        }

        foreach (var profile in SrtpProfiles)
        {
            if (!profile.IsKnown())
            {
                throw new ArgumentException($"Unknown SRTP protection profile 0x{(ushort)profile:X4}.", nameof(SrtpProfiles));
            }
        }
    }
}
