namespace Relay.Media.Tests.Sdp;

/// <summary>Line-level edits that derive test offers from a captured one.</summary>
internal static class SdpEdit
{
    /// <summary>Removes every line that starts with the prefix.</summary>
    public static string RemoveLines(string sdp, string prefix)
    {
        var kept = sdp.Split("\r\n").Where(line => !line.StartsWith(prefix, StringComparison.Ordinal));
        return string.Join("\r\n", kept);
    }

    /// <summary>Replaces the whole first line that starts with the prefix.</summary>
    public static string ReplaceLine(string sdp, string prefix, string replacement)
    {
        var lines = sdp.Split("\r\n");
        var index = Array.FindIndex(lines, line => line.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no line starts with {prefix}");
        lines[index] = replacement;
        return string.Join("\r\n", lines);
    }
}
