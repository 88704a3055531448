namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c>, RFC 8866 §6.6.
/// </summary>
public sealed record RtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels)
{
    public static bool TryParse(string? value, out RtpMap? result, out string? error)
    {
        result = null;
        var space = value is null ? -1 : value.IndexOf(' ', StringComparison.Ordinal);
        if (value is null || space < 0)
        {
            error = "rtpmap needs \"<payload type> <encoding>/<clock rate>\"";
            return false;
        }

        if (!SdpNumbers.TryParsePayloadType(value[..space], out var payloadType))
        {
            error = "rtpmap payload type is not a number from 0 to 127";
            return false;
        }

        var parts = value[(space + 1)..].Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0)
        {
            error = "rtpmap encoding must be \"<name>/<clock rate>[/<channels>]\"";
            return false;
        }

        if (!SdpNumbers.TryParseInt32(parts[1], 1, int.MaxValue, out var clockRate))
        {
            error = "rtpmap clock rate is not a positive number";
            return false;
        }

        int? channels = null;
        if (parts.Length == 3)
        {
            if (!SdpNumbers.TryParseInt32(parts[2], 1, 255, out var count))
            {
                error = "rtpmap channel count is not a number from 1 to 255";
                return false;
            }

            channels = count;
        }

        result = new RtpMap(payloadType, parts[0], clockRate, channels);
        error = null;
        return true;
    }

    /// <summary>True when the encoding name matches, ignoring case (RFC 8866 §6.6: names are case-insensitive).</summary>
    public bool Is(string encodingName, int clockRate) =>
        ClockRate == clockRate && string.Equals(EncodingName, encodingName, StringComparison.OrdinalIgnoreCase);

    public override string ToString()
    {
        var text = SdpNumbers.Format(PayloadType) + " " + EncodingName + "/" + SdpNumbers.Format(ClockRate);
        return Channels is { } channels ? text + "/" + SdpNumbers.Format(channels) : text;
    }

    public SdpAttributeLine ToAttribute() => new(SdpAttributeNames.RtpMap, ToString());
}
