namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=fmtp:&lt;format&gt; &lt;format specific parameters&gt;</c>, RFC 8866 §6.15. The parameters
/// are kept as written because their syntax belongs to each codec; most codecs use
/// <c>key=value;key=value</c>, which <see cref="TryGetParameter"/> reads.
/// </summary>
public sealed record Fmtp(int PayloadType, string Parameters)
{
    public static bool TryParse(string? value, out Fmtp? result, out string? error)
    {
        result = null;
        var space = value is null ? -1 : value.IndexOf(' ', StringComparison.Ordinal);
        if (value is null || space < 0 || space == value.Length - 1)
        {
            error = "fmtp needs \"<payload type> <parameters>\"";
            return false;
        }

        if (!SdpNumbers.TryParsePayloadType(value[..space], out var payloadType))
        {
            error = "fmtp payload type is not a number from 0 to 127";
            return false;
        }

        result = new Fmtp(payloadType, value[(space + 1)..]);
        error = null;
        return true;
    }

    /// <summary>
    /// Reads one <c>key=value</c> parameter; keys compare case-insensitively as the codec
    /// payload formats define them (e.g. RFC 6184 §8.1, RFC 7587).
    /// </summary>
    public bool TryGetParameter(string key, out string value)
    {
        foreach (var part in Parameters.Split(';', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part.AsSpan(0, equals).Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                value = part[(equals + 1)..].Trim();
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    public override string ToString() => SdpNumbers.Format(PayloadType) + " " + Parameters;

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.Fmtp, ToString());
}
