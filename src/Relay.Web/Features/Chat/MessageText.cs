using System.Buffers;
using System.Text;

namespace Relay.Web.Features.Chat;

/// <summary>Checks and normalises what a user typed before anything is stored.</summary>
internal static class MessageText
{
    /// <summary>Returns null when the text may be stored (then <paramref name="normalized"/> holds it), else the reason.</summary>
    public static string? Validate(string? text, int maxLength, out string normalized)
    {
        normalized = "";
        if (text is null)
        {
            return "The message has no text.";
        }

        var trimmed = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (trimmed.Length == 0)
        {
            return "The message is empty.";
        }

        if (trimmed.Length > maxLength)
        {
            return $"The message is too long: at most {maxLength} characters.";
        }

        var span = trimmed.AsSpan();
        while (!span.IsEmpty)
        {
            // Lone surrogates would be stored as garbage and break other clients' JSON.
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done)
            {
                return "The message contains invalid characters.";
            }

            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\t'))
            {
                return "The message contains control characters.";
            }

            span = span[consumed..];
        }

        normalized = trimmed;
        return null;
    }
}
