using Relay.Media.Sessions;
using Relay.Media.Transport;

namespace Relay.Web.Features.Calls;

/// <summary>
/// The transport a leg's media uses, as metrics and the admin view name it ("udp", "tcp").
/// The one place that asks the leg.
/// </summary>
internal static class LegTransport
{
    public const string Udp = "udp";

    public const string Tcp = "tcp";

    /// <summary>Every label value <see cref="Of"/> can return, so metrics can show zeros.</summary>
    public static readonly IReadOnlyList<string> All = [Udp, Tcp];

    /// <summary>The transport of the leg's selected path; a leg with no path yet counts as UDP, where every leg starts.</summary>
    public static string Of(MediaLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        return leg.Transport == MediaTransport.Tcp ? Tcp : Udp;
    }
}
