namespace Relay.Media.Tests.Rtp;

/// <summary>Hex fixtures as RFCs print them: whitespace between groups is ignored.</summary>
internal static class Hex
{
    public static byte[] Parse(string text) =>
        Convert.FromHexString(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
}
