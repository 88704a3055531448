namespace Relay.Web.Features.Chat;

internal static class GroupMemberNames
{
    private static readonly char[] Separators = [',', ';', ' ', '\n', '\r', '\t'];

    /// <summary>The user names typed into a member field: "alice, bob" or one per line.</summary>
    public static string[] Split(string text) =>
        text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
