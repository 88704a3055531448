using Relay.Media.Sessions;

namespace Relay.Web.Features.Calls;

/// <summary>
/// The transport a leg's media uses, as metrics and the admin view name it ("udp", "tcp").
/// The one place that asks the leg: until legs report ICE-TCP, every leg is UDP.
/// </summary>
internal static class LegTransport
{
    public const string Udp = "udp";

    public const string Tcp = "tcp";

    /// <summary>Every label value <see cref="Of"/> can return, so metrics can show zeros.</summary>
    public static readonly IReadOnlyList<string> All = [Udp, Tcp];

    /// <summary>Takes the leg already, so callers need no change when the leg reports its transport (ICE-TCP work).</summary>
    public static string Of(MediaLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        return Udp;
    }
}
