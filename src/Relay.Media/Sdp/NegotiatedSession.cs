namespace Relay.Media.Sdp;

/// <summary>The answer to a browser's offer and the parameters the media plane runs the leg with.</summary>
public sealed class NegotiatedSession
{
    public required SessionDescription Answer { get; init; }

    /// <summary>Accepted media sections in offer order; all share one transport (BUNDLE, RFC 8843).</summary>
    public required IReadOnlyList<NegotiatedMedia> Media { get; init; }

    public required IReadOnlyList<RejectedMedia> Rejected { get; init; }

    /// <summary>The mids in the answer's BUNDLE group; empty when the offer had none (a single section).</summary>
    public required IReadOnlyList<string> BundleMids { get; init; }

    /// <summary>The browser's ICE username fragment: the second half of the STUN USERNAME it expects (RFC 8445 §7.2.2).</summary>
    public required string RemoteIceUfrag { get; init; }

    public required string RemoteIcePwd { get; init; }

    /// <summary>The fingerprint the browser's DTLS certificate must match (RFC 8122 §5); sha-256 when offered.</summary>
    public required DtlsFingerprint RemoteFingerprint { get; init; }

    /// <summary>actpass or active (RFC 4145 §4 makes a missing a=setup active).</summary>
    public required DtlsSetupRole RemoteSetup { get; init; }

    /// <summary>Always passive: the relay is the DTLS server (RFC 5763 §5).</summary>
    public static DtlsSetupRole LocalSetup => DtlsSetupRole.Passive;

    /// <summary>Candidates the browser put in its offer (usually none with trickle ICE).</summary>
    public IReadOnlyList<IceCandidate> RemoteCandidates { get; init; } = [];

    /// <summary>The accepted section with this mid, or null.</summary>
    public NegotiatedMedia? FindMedia(string mid)
    {
        foreach (var media in Media)
        {
            if (media.Mid == mid)
            {
                return media;
            }
        }

        return null;
    }
}
