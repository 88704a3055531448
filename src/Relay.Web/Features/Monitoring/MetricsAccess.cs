using System.Net;
using Microsoft.Extensions.Options;

namespace Relay.Web.Features.Monitoring;

/// <summary>Decides who may scrape /metrics, by the caller's network (<see cref="MetricsOptions.AllowedNetworks"/>).</summary>
public sealed class MetricsAccess
{
    private readonly IPNetwork[] _allowed;

    public MetricsAccess(IOptions<MetricsOptions> options)
    {
        var networks = new List<IPNetwork>();
        foreach (var text in options.Value.AllowedNetworks)
        {
            if (!IPNetwork.TryParse(text.Trim(), out var network))
            {
                throw new InvalidOperationException($"Metrics:AllowedNetworks holds \"{text}\", which is not a network in CIDR form (such as 10.0.0.0/8 or ::1/128).");
            }

            networks.Add(network);
        }

        _allowed = [.. networks];
    }

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        // Kestrel reports IPv4 peers on a dual-stack socket as ::ffff:a.b.c.d.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _allowed)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
