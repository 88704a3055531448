namespace Relay.Media.Sdp;

/// <summary>Splits SDP text into <c>&lt;type&gt;=&lt;value&gt;</c> lines (RFC 8866 §5).</summary>
internal static class SdpLineSplitter
{
    public static bool TrySplit(string sdp, out List<SdpLine> lines, out string? error)
    {
        lines = [];
        var start = 0;
        var number = 0;
        while (start < sdp.Length)
        {
            number++;
            var end = sdp.IndexOf('\n', start);
            var next = end < 0 ? sdp.Length : end + 1;
            if (end < 0)
            {
                end = sdp.Length;
            }

            // RFC 8866 §5: lines end in CRLF, but parsers should accept a bare LF.
            if (end > start && sdp[end - 1] == '\r')
            {
                end--;
            }

            if (!TryReadLine(sdp.AsSpan(start, end - start), number, out var line, out error))
            {
                return false;
            }

            lines.Add(line);
            start = next;
        }

        error = null;
        return true;
    }

    private static bool TryReadLine(ReadOnlySpan<char> text, int number, out SdpLine line, out string? error)
    {
        line = default;
        if (text.Length > SdpLimits.MaxLineLength)
        {
            error = $"line {number}: longer than {SdpLimits.MaxLineLength} characters";
            return false;
        }

        if (text.Length == 0)
        {
            error = $"line {number}: empty line";
            return false;
        }

        if (text.Length < 2 || text[1] != '=' || !char.IsAsciiLetterLower(text[0]))
        {
            error = $"line {number}: expected \"<letter>=<value>\"";
            return false;
        }

        foreach (var c in text)
        {
            // RFC 8866 §9: text may not hold NUL, CR or LF; other controls (except tab) are
            // never legitimate in WebRTC SDP and hint at binary garbage.
            if (char.IsControl(c) && c != '\t')
            {
                error = $"line {number}: contains a control character (U+{(int)c:X4})";
                return false;
            }
        }

        line = new SdpLine(number, text[0], text[2..].ToString());
        error = null;
        return true;
    }
}
