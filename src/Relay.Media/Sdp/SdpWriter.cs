using System.Text;

namespace Relay.Media.Sdp;

/// <summary>Writes a <see cref="SessionDescription"/> as text in the line order of RFC 8866 §5.</summary>
internal static class SdpWriter
{
    // RFC 8866 §5: lines end with CRLF (parsers should also accept a bare LF).
    private const string LineEnd = "\r\n";

    public static string Write(SessionDescription description)
    {
        var text = new StringBuilder(2048);
        text.Append("v=").Append(SdpNumbers.Format(SessionDescription.Version)).Append(LineEnd);
        text.Append("o=").Append(description.Origin.ToString()).Append(LineEnd);
        text.Append("s=").Append(description.SessionName).Append(LineEnd);
        WriteFields(text, description.Fields);
        WriteAttributes(text, description.Attributes);
        foreach (var media in description.MediaDescriptions)
        {
            text.Append("m=").Append(media.FormatMediaLine()).Append(LineEnd);
            WriteFields(text, media.Fields);
            WriteAttributes(text, media.Attributes);
        }

        return text.ToString();
    }

    private static void WriteFields(StringBuilder text, List<SdpField> fields)
    {
        foreach (var field in fields)
        {
            text.Append(field.Type).Append('=').Append(field.Value).Append(LineEnd);
        }
    }

    private static void WriteAttributes(StringBuilder text, SdpAttributeList attributes)
    {
        foreach (var attribute in attributes)
        {
            text.Append("a=").Append(attribute.Name);
            if (attribute.Value is not null)
            {
                text.Append(':').Append(attribute.Value);
            }

            text.Append(LineEnd);
        }
    }
}
