namespace Relay.Media.Sdp;

/// <summary>
/// Parses SDP text (RFC 8866 §5, §9 grammar) into a <see cref="SessionDescription"/>.
/// Accepts CRLF or LF line ends; every failure is reported as "line N: what is wrong".
/// </summary>
internal static class SdpReader
{
    // RFC 8866 §5: session-level lines other than v/o/s/m/a, and those allowed in a media section.
    private const string SessionFieldTypes = "iuepcbtrzk";
    private const string MediaFieldTypes = "icbk";

    public static bool TryRead(string? sdp, out SessionDescription? result, out string? error)
    {
        result = null;
        if (string.IsNullOrEmpty(sdp))
        {
            error = "SDP is empty";
            return false;
        }

        if (sdp.Length > SdpLimits.MaxLength)
        {
            error = $"SDP is {sdp.Length} characters long; the limit is {SdpLimits.MaxLength}";
            return false;
        }

        if (!SdpLineSplitter.TrySplit(sdp, out var lines, out error))
        {
            return false;
        }

        if (!TryReadHeader(lines, out var description, out error))
        {
            return false;
        }

        var sawTiming = false;
        MediaDescription? media = null;
        for (var index = 3; index < lines.Count; index++)
        {
            var line = lines[index];
            if (!TryReadLine(line, description!, ref media, ref sawTiming, out error))
            {
                error = $"line {line.Number}: {error}";
                return false;
            }
        }

        if (!sawTiming)
        {
            error = "session has no t= line (RFC 8866 §5.9 requires one)";
            return false;
        }

        result = description;
        return true;
    }

    private static bool TryReadHeader(List<SdpLine> lines, out SessionDescription? description, out string? error)
    {
        description = null;
        if (lines[0].Type != 'v' || lines[0].Value != "0")
        {
            error = "line 1: SDP must start with v=0";
            return false;
        }

        // RFC 8866 §5: v=, o= and s= come first and in that order.
        if (lines.Count < 2)
        {
            error = "SDP ends before the o= and s= lines";
            return false;
        }

        if (lines[1].Type != 'o')
        {
            error = "line 2: expected o= here (RFC 8866 §5)";
            return false;
        }

        if (!SdpOrigin.TryParse(lines[1].Value, out var origin, out error))
        {
            error = $"line 2: {error}";
            return false;
        }

        if (lines.Count < 3 || lines[2].Type != 's')
        {
            error = lines.Count < 3 ? "SDP ends before the s= line" : "line 3: expected s= here (RFC 8866 §5)";
            return false;
        }

        description = new SessionDescription(origin!, lines[2].Value);
        return true;
    }

    private static bool TryReadLine(
        SdpLine line, SessionDescription description, ref MediaDescription? media, ref bool sawTiming, out string? error)
    {
        switch (line.Type)
        {
            case 'm':
                if (description.MediaDescriptions.Count == SdpLimits.MaxMediaSections)
                {
                    error = $"more than {SdpLimits.MaxMediaSections} media sections";
                    return false;
                }

                if (!TryReadMediaLine(line.Value, out media, out error))
                {
                    return false;
                }

                description.MediaDescriptions.Add(media!);
                return true;
            case 'a':
                if (!TryReadAttribute(line.Value, out var attribute, out error))
                {
                    return false;
                }

                (media?.Attributes ?? description.Attributes).Add(attribute!);
                return true;
            default:
                var allowed = media is null ? SessionFieldTypes : MediaFieldTypes;
                if (!allowed.Contains(line.Type, StringComparison.Ordinal))
                {
                    error = media is null
                        ? $"{line.Type}= is not a session-level line here (RFC 8866 §5)"
                        : $"{line.Type}= is not allowed in a media section (RFC 8866 §5)";
                    return false;
                }

                if (!SdpFieldValidator.TryValidate(line.Type, line.Value, out error))
                {
                    return false;
                }

                sawTiming |= line.Type == 't';
                (media?.Fields ?? description.Fields).Add(new SdpField(line.Type, line.Value));
                return true;
        }
    }

    /// <summary><c>m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...</c> (RFC 8866 §5.14).</summary>
    private static bool TryReadMediaLine(string value, out MediaDescription? media, out string? error)
    {
        media = null;
        var parts = value.Split(' ');
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                error = "m= line has an empty field (two spaces, or a space at an end)";
                return false;
            }
        }

        if (parts.Length < 4)
        {
            error = parts.Length switch
            {
                1 => "m= line has no port",
                2 => "m= line has no protocol",
                _ => "m= line has no media formats",
            };
            return false;
        }

        var portText = parts[1];
        int? portCount = null;
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!SdpNumbers.TryParseInt32(portText[(slash + 1)..], 1, 65535, out var count))
            {
                error = "m= line number of ports is not a positive number";
                return false;
            }

            portCount = count;
            portText = portText[..slash];
        }

        if (!SdpNumbers.TryParsePort(portText, out var port))
        {
            error = "m= line port is not a number from 0 to 65535";
            return false;
        }

        media = new MediaDescription(parts[0], port, parts[2], parts[3..]) { PortCount = portCount };
        error = null;
        return true;
    }

    /// <summary><c>a=&lt;attribute-name&gt;[:&lt;attribute-value&gt;]</c> (RFC 8866 §5.13).</summary>
    private static bool TryReadAttribute(string value, out SdpAttributeLine? attribute, out string? error)
    {
        attribute = null;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? value : value[..colon];
        if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
        {
            error = "a= line has no attribute name";
            return false;
        }

        var candidate = new SdpAttributeLine(name, colon < 0 ? null : value[(colon + 1)..]);
        if (!SdpAttributeValidator.TryValidate(candidate, out error))
        {
            error = $"a={name}: {error}";
            return false;
        }

        attribute = candidate;
        return true;
    }
}
