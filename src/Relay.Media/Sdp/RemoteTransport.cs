namespace Relay.Media.Sdp;

/// <summary>
/// The browser's ICE credentials, DTLS fingerprint and setup role for the bundled transport,
/// taken from the offerer-tagged section with session-level fallback (RFC 8843, RFC 8839 §5.4).
/// </summary>
internal sealed record RemoteTransport(string Ufrag, string Pwd, DtlsFingerprint Fingerprint, DtlsSetupRole Setup)
{
    public static bool TryRead(
        SessionDescription offer,
        MediaDescription tagged,
        List<MediaDescription> accepted,
        out RemoteTransport? transport,
        out string? error)
    {
        transport = null;
        var mid = tagged.Mid;
        var ufrag = tagged.IceUfrag ?? offer.IceUfrag;
        if (ufrag is null)
        {
            error = $"offer has no a=ice-ufrag for mid {mid} (RFC 8839 §5.4)";
            return false;
        }

        var pwd = tagged.IcePwd ?? offer.IcePwd;
        if (pwd is null)
        {
            error = $"offer has no a=ice-pwd for mid {mid} (RFC 8839 §5.4)";
            return false;
        }

        var fingerprints = tagged.GetFingerprints();
        if (fingerprints.Count == 0)
        {
            fingerprints = offer.GetFingerprints();
        }

        if (fingerprints.Count == 0)
        {
            error = $"offer has no a=fingerprint for mid {mid}; DTLS-SRTP needs the certificate hash (RFC 5763 §5, RFC 8122)";
            return false;
        }

        // RFC 4145 §4: a missing a=setup means active.
        var setup = tagged.Setup ?? offer.Setup ?? DtlsSetupRole.Active;
        foreach (var media in accepted)
        {
            if (!TryCheckSetup(media.Mid, media.Setup ?? setup, out error))
            {
                return false;
            }

            if (media.IceUfrag is { } other && other != ufrag)
            {
                error = $"mid {media.Mid} has ICE credentials different from mid {mid}; bundled sections share one transport (RFC 8843)";
                return false;
            }
        }

        transport = new RemoteTransport(ufrag, pwd, Prefer(fingerprints, "sha-256"), setup);
        error = null;
        return true;
    }

    /// <summary>The relay is always the DTLS server, so the browser must be able to be the client (RFC 5763 §5).</summary>
    private static bool TryCheckSetup(string? mid, DtlsSetupRole role, out string? error)
    {
        error = role switch
        {
            DtlsSetupRole.Passive =>
                $"offer says a=setup:passive for mid {mid}; the relay is always the DTLS server, so the offer must say actpass or active (RFC 5763 §5)",
            DtlsSetupRole.HoldConn =>
                $"offer says a=setup:holdconn for mid {mid}; the relay cannot answer a held connection (RFC 4145 §4)",
            _ => null,
        };
        return error is null;
    }

    private static DtlsFingerprint Prefer(List<DtlsFingerprint> fingerprints, string algorithm)
    {
        foreach (var fingerprint in fingerprints)
        {
            if (fingerprint.Algorithm == algorithm)
            {
                return fingerprint;
            }
        }

        return fingerprints[0];
    }
}
