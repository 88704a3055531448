namespace Relay.Web.Features.Monitoring;

/// <summary>The "Metrics" configuration section.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// The networks (CIDR, "10.0.0.0/8", "::1/128") whose addresses may read /metrics; everyone
    /// else gets 404. Empty: nobody. The address checked is the TCP peer's: behind a reverse
    /// proxy on the same machine every request comes from loopback, so the proxy must refuse
    /// /metrics itself (ops/nginx-mediarelay.conf does).
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];
}
