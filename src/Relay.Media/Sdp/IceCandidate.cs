using System.Text;

namespace Relay.Media.Sdp;

/// <summary>
/// An ICE candidate, the value of <c>a=candidate</c> (RFC 8839 §5.1):
/// <c>foundation component transport priority address port typ type [raddr a] [rport p] *(name value)</c>.
/// </summary>
/// <remarks>
/// <c>tcptype</c> (RFC 6544) gets its own property; every other extension pair
/// (<c>generation</c>, <c>ufrag</c>, <c>network-id</c> …) is kept in order in
/// <see cref="Extensions"/> and written after it.
/// </remarks>
public sealed record IceCandidate(
    string Foundation,
    int Component,
    string Transport,
    uint Priority,
    string Address,
    int Port,
    IceCandidateType Type,
    string? RelatedAddress = null,
    int? RelatedPort = null,
    IceTcpType? TcpType = null)
{
    /// <summary>Extension attributes other than tcptype, as name/value pairs in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; init; } = [];

    /// <summary>True for UDP candidates (transport names are case-insensitive, RFC 8839 §5.1).</summary>
    public bool IsUdp => string.Equals(Transport, "udp", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for ICE-TCP candidates (RFC 6544).</summary>
    public bool IsTcp => string.Equals(Transport, "tcp", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses the attribute value; a leading <c>candidate:</c> or <c>a=candidate:</c> is
    /// accepted because trickled candidates arrive in that form (RFC 8840).
    /// </summary>
    public static bool TryParse(string? value, out IceCandidate? result, out string? error)
    {
        result = null;
        if (value is null)
        {
            error = "candidate has no value";
            return false;
        }

        value = StripPrefix(StripPrefix(value, "a="), "candidate:");
        var parts = value.Split(' ');
        if (parts.Length < 8 || parts.Length % 2 != 0)
        {
            error = "candidate needs \"<foundation> <component> <transport> <priority> <address> <port> typ <type>\" and name/value pairs";
            return false;
        }

        if (!IceGrammar.IsIceChars(parts[0], 1, 32))
        {
            error = "candidate foundation must be 1 to 32 letters, digits, + or /";
            return false;
        }

        if (!SdpNumbers.TryParseInt32(parts[1], 1, 256, out var component))
        {
            error = "candidate component is not a number from 1 to 256";
            return false;
        }

        if (!IsToken(parts[2]))
        {
            error = "candidate transport is missing";
            return false;
        }

        if (parts[3].Length > 10 || !SdpNumbers.TryParseUInt32(parts[3], out var priority))
        {
            error = "candidate priority is not a 32-bit unsigned number";
            return false;
        }

        if (!IsToken(parts[4]))
        {
            error = "candidate address is missing";
            return false;
        }

        if (!SdpNumbers.TryParsePort(parts[5], out var port))
        {
            error = "candidate port is not a number from 0 to 65535";
            return false;
        }

        if (parts[6] != "typ" || !TryParseType(parts[7], out var type))
        {
            error = "candidate needs \"typ host\", \"typ srflx\", \"typ prflx\" or \"typ relay\"";
            return false;
        }

        result = new IceCandidate(parts[0], component, parts[2], priority, parts[4], port, type);
        return TryParseExtensions(parts, ref result, out error);
    }

    private static bool TryParseExtensions(string[] parts, ref IceCandidate? result, out string? error)
    {
        var candidate = result!;
        var extensions = new List<KeyValuePair<string, string>>();
        for (var i = 8; i < parts.Length; i += 2)
        {
            var name = parts[i];
            var value = parts[i + 1];
            if (!IsToken(name) || value.Length == 0)
            {
                result = null;
                error = "candidate has an empty extension name or value";
                return false;
            }

            switch (name)
            {
                case "raddr":
                    candidate = candidate with { RelatedAddress = value };
                    break;
                case "rport" when SdpNumbers.TryParsePort(value, out var relatedPort):
                    candidate = candidate with { RelatedPort = relatedPort };
                    break;
                case "rport":
                    result = null;
                    error = "candidate rport is not a number from 0 to 65535";
                    return false;
                case "tcptype" when TryParseTcpType(value, out var tcpType):
                    candidate = candidate with { TcpType = tcpType };
                    break;
                case "tcptype":
                    result = null;
                    error = "candidate tcptype must be active, passive or so";
                    return false;
                default:
                    extensions.Add(new KeyValuePair<string, string>(name, value));
                    break;
            }
        }

        result = candidate with { Extensions = extensions };
        error = null;
        return true;
    }

    /// <summary>The attribute value, without the <c>candidate:</c> prefix.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(128)
            .Append(Foundation).Append(' ')
            .Append(SdpNumbers.Format(Component)).Append(' ')
            .Append(Transport).Append(' ')
            .Append(SdpNumbers.Format(Priority)).Append(' ')
            .Append(Address).Append(' ')
            .Append(SdpNumbers.Format(Port))
            .Append(" typ ").Append(TypeName(Type));
        if (RelatedAddress is not null)
        {
            text.Append(" raddr ").Append(RelatedAddress);
        }

        if (RelatedPort is { } relatedPort)
        {
            text.Append(" rport ").Append(SdpNumbers.Format(relatedPort));
        }

        if (TcpType is { } tcpType)
        {
            text.Append(" tcptype ").Append(TcpTypeName(tcpType));
        }

        foreach (var extension in Extensions)
        {
            text.Append(' ').Append(extension.Key).Append(' ').Append(extension.Value);
        }

        return text.ToString();
    }

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.Candidate, ToString());

    /// <summary>
    /// Value equality including the extensions: records compare lists by reference, which would
    /// make a parsed candidate differ from the one it was written from.
    /// </summary>
    public bool Equals(IceCandidate? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static string TypeName(IceCandidateType type) => type switch
    {
        IceCandidateType.ServerReflexive => "srflx",
        IceCandidateType.PeerReflexive => "prflx",
        IceCandidateType.Relayed => "relay",
        _ => "host",
    };

    private static bool TryParseType(string text, out IceCandidateType type)
    {
        switch (text)
        {
            case "host": type = IceCandidateType.Host; return true;
            case "srflx": type = IceCandidateType.ServerReflexive; return true;
            case "prflx": type = IceCandidateType.PeerReflexive; return true;
            case "relay": type = IceCandidateType.Relayed; return true;
            default: type = IceCandidateType.Host; return false;
        }
    }

    private static string TcpTypeName(IceTcpType type) => type switch
    {
        IceTcpType.Active => "active",
        IceTcpType.Passive => "passive",
        _ => "so",
    };

    private static bool TryParseTcpType(string text, out IceTcpType type)
    {
        switch (text)
        {
            case "active": type = IceTcpType.Active; return true;
            case "passive": type = IceTcpType.Passive; return true;
            case "so": type = IceTcpType.SimultaneousOpen; return true;
            default: type = IceTcpType.Active; return false;
        }
    }

    private static bool IsToken(string text) => text.Length > 0;

    private static string StripPrefix(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
}
