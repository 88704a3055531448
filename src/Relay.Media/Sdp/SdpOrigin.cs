namespace Relay.Media.Sdp;

/// <summary>
/// <c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;</c>,
/// RFC 8866 §5.2. JSEP (RFC 8829 §5.2.1) uses "-" for the user name, a 64-bit random
/// session id below 2^63 and a version that increases with each new description.
/// </summary>
public sealed record SdpOrigin(
    string Username,
    ulong SessionId,
    ulong SessionVersion,
    string NetworkType,
    string AddressType,
    string Address)
{
    public static bool TryParse(string value, out SdpOrigin? result, out string? error)
    {
        result = null;
        var parts = value.Split(' ');
        if (parts.Length != 6)
        {
            error = "o= needs \"<username> <sess-id> <sess-version> <nettype> <addrtype> <address>\"";
            return false;
        }

        if (!TryParseUInt64(parts[1], out var sessionId) || !TryParseUInt64(parts[2], out var sessionVersion))
        {
            error = "o= session id and version must be numbers";
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                error = "o= has an empty field";
                return false;
            }
        }

        result = new SdpOrigin(parts[0], sessionId, sessionVersion, parts[3], parts[4], parts[5]);
        error = null;
        return true;
    }

    public override string ToString() =>
        $"{Username} {SdpNumbers.Format(SessionId)} {SdpNumbers.Format(SessionVersion)} {NetworkType} {AddressType} {Address}";

    private static bool TryParseUInt64(string text, out ulong value)
    {
        value = 0;
        return SdpNumbers.IsDigits(text) && ulong.TryParse(
            text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
