namespace Relay.Media.Sdp;

/// <summary>Character rules of RFC 8839 §5 shared by candidates and ICE credentials.</summary>
internal static class IceGrammar
{
    /// <summary>ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.1).</summary>
    public static bool IsIceChars(string text, int minLength, int maxLength)
    {
        if (text.Length < minLength || text.Length > maxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ice-ufrag = 4*256ice-char (RFC 8839 §5.4).</summary>
    public static bool IsUfrag(string? text) => text is not null && IsIceChars(text, 4, 256);

    /// <summary>ice-pwd = 22*256ice-char (RFC 8839 §5.4).</summary>
    public static bool IsPassword(string? text) => text is not null && IsIceChars(text, 22, 256);
}
