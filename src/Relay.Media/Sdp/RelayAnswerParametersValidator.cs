namespace Relay.Media.Sdp;

/// <summary>
/// Checks the relay's own answer parameters. They come from configuration and code, not from
/// the network, so a bad value is a programming error and throws.
/// </summary>
internal static class RelayAnswerParametersValidator
{
    public static void Validate(RelayAnswerParameters local)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (!IceGrammar.IsUfrag(local.IceUfrag))
        {
            throw new ArgumentException("ICE ufrag must be 4 to 256 letters, digits, + or / (RFC 8839 §5.4).", nameof(local));
        }

        if (!IceGrammar.IsPassword(local.IcePwd))
        {
            throw new ArgumentException("ICE password must be 22 to 256 letters, digits, + or / (RFC 8839 §5.4).", nameof(local));
        }

        if (local.SessionId > long.MaxValue)
        {
            throw new ArgumentException("o= session id must be below 2^63 (RFC 8829 §5.2.1).", nameof(local));
        }

        if (!IsToken(local.CName))
        {
            throw new ArgumentException("CNAME must be a non-empty value without spaces.", nameof(local));
        }

        foreach (var stream in local.OutboundSources.Values)
        {
            if (!IsToken(stream.StreamId) || !IsToken(stream.TrackId))
            {
                throw new ArgumentException("msid stream and track ids must be non-empty and without spaces (RFC 8830 §2).", nameof(local));
            }
        }
    }

    private static bool IsToken(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c <= ' ' || c == 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
