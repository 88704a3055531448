using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Relay.Media.Ice;

/// <summary>The addresses the relay announces as host candidates.</summary>
public static class HostAddresses
{
    /// <summary>
    /// Configured addresses win (1:1 NAT). Otherwise this machine's up, non-loopback unicast
    /// addresses: a browser ignores a loopback candidate, so even a newcomer on
    /// http://localhost needs the machine's own address (ARCHITECTURE.md, "Media plane").
    /// </summary>
    public static IReadOnlyList<IPAddress> Resolve(MediaOptions options)
    {
        var result = new List<IPAddress>(options.ParseAnnouncedAddresses());
        if (result.Count == 0)
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var address = unicast.Address;
                    if (address.AddressFamily == AddressFamily.InterNetwork
                        || (address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv6LinkLocal))
                    {
                        result.Add(address);
                    }
                }
            }
        }

        if (options.AnnounceLoopback && !result.Contains(IPAddress.Loopback))
        {
            result.Add(IPAddress.Loopback);
        }

        return result;
    }
}
