namespace Relay.Media.Sdp;

/// <summary>Syntax checks for the non-attribute lines the relay reads or writes (RFC 8866 §5).</summary>
internal static class SdpFieldValidator
{
    public static bool TryValidate(char type, string value, out string? error)
    {
        error = type switch
        {
            // c=<nettype> <addrtype> <connection-address> (§5.7)
            'c' when value.Split(' ').Length != 3 || value.Contains("  ", StringComparison.Ordinal) =>
                "c= needs \"<nettype> <addrtype> <address>\"",
            // t=<start-time> <stop-time> (§5.9)
            't' when !IsTiming(value) => "t= needs \"<start time> <stop time>\" as numbers",
            // b=<bwtype>:<bandwidth> (§5.8)
            'b' when !IsBandwidth(value) => "b= needs \"<type>:<bandwidth>\"",
            _ => null,
        };
        return error is null;
    }

    private static bool IsTiming(string value)
    {
        var parts = value.Split(' ');
        return parts.Length == 2 && SdpNumbers.IsDigits(parts[0]) && SdpNumbers.IsDigits(parts[1]);
    }

    private static bool IsBandwidth(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && SdpNumbers.IsDigits(value[(colon + 1)..]);
    }
}
