using System.Globalization;

namespace Relay.Media.Sdp;

/// <summary>Strict decimal parsing for SDP: ASCII digits only, no sign, no spaces, invariant culture.</summary>
internal static class SdpNumbers
{
    private const NumberStyles Digits = NumberStyles.None;

    public static bool TryParseUInt32(string text, out uint value)
    {
        value = 0;
        return IsDigits(text) && uint.TryParse(text, Digits, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseInt32(string text, int min, int max, out int value)
    {
        value = 0;
        if (!IsDigits(text) || !int.TryParse(text, Digits, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        return value >= min && value <= max;
    }

    /// <summary>An RTP payload type, 0–127 (RFC 3550 §5.1, 7 bits).</summary>
    public static bool TryParsePayloadType(string text, out int payloadType) =>
        TryParseInt32(text, 0, 127, out payloadType);

    /// <summary>A transport port, 0–65535.</summary>
    public static bool TryParsePort(string text, out int port) => TryParseInt32(text, 0, 65535, out port);

    public static bool IsDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(uint value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
