using System.Globalization;
using System.Net;

namespace Relay.Network.Tests.Bed;

/// <summary>
/// A browser namespace behind a NAT namespace (nftables masquerade), linked to the root namespace
/// where the relay runs, with one <see cref="NetworkCondition"/> applied. Built by the test that
/// uses it and torn down in <see cref="DisposeAsync"/>, whatever the test's outcome. Addresses
/// and names are in <see cref="BedNames"/>; nothing routes beyond the bed and the relay's address.
/// </summary>
public sealed class NetworkTestBed : IAsyncDisposable
{
    /// <summary>Beds of this process are numbered one at a time; other processes are kept apart by the kernel refusing a taken link name.</summary>
    private static readonly SemaphoreSlim Allocation = new(1, 1);

    private readonly BedNames _names;
    private UdpDelayProxy? _proxy;

    private NetworkTestBed(BedNames names, NetworkCondition condition, string workDirectory)
    {
        _names = names;
        Condition = condition;
        WorkDirectory = workDirectory;
    }

    public NetworkCondition Condition { get; }

    /// <summary>Where the relay listens for HTTP and media (root namespace, the bed's link).</summary>
    public IPAddress HostAddress => _names.HostAddress;

    /// <summary>The address the relay puts in its candidates: its own, or the delay proxy's.</summary>
    public IPAddress MediaAddress => Condition == NetworkCondition.Delay100Ms ? _names.ProxyAddress : _names.HostAddress;

    /// <summary>The source the relay sees the browser's media come from: the NAT's outside address, or the proxy's.</summary>
    public IPAddress RelayPeerAddress => Condition == NetworkCondition.Delay100Ms ? _names.ProxyAddress : _names.NatWanAddress;

    public IPAddress BrowserAddress => _names.BrowserAddress;

    public string BrowserNamespace => _names.BrowserNamespace;

    /// <summary>A folder of the bed's own (the browser wrapper script), deleted with it.</summary>
    public string WorkDirectory { get; }

    /// <summary>
    /// The relay's settings for this bed (later arguments override RelayServer's defaults): HTTP and
    /// media on the bed's host address, and only <see cref="MediaAddress"/> announced.
    /// </summary>
    public string[] RelaySettings =>
    [
        "--urls", $"http://{HostAddress}:0",
        "--Media:AnnounceLoopback", "false",
        "--Media:AnnouncedAddresses:0", MediaAddress.ToString(),
    ];

    /// <summary>Checks root and the tools, removes stale beds, and builds a new one; <see cref="BedUnavailableException"/> says why not.</summary>
    public static async Task<NetworkTestBed> CreateAsync(NetworkCondition condition)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new BedUnavailableException("network namespaces need Linux");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new BedUnavailableException("creating network namespaces needs root");
        }

        foreach (var tool in new[] { "ip", "nft", "tc" })
        {
            if (HostCommand.Find(tool) is null)
            {
                throw new BedUnavailableException($"`{tool}` is not installed (Debian: apt-get install iproute2 nftables)");
            }
        }

        await Allocation.WaitAsync();
        NetworkTestBed? bed = null;
        try
        {
            await StaleBeds.RemoveAsync();
            var names = await ClaimNamesAsync();
            bed = new NetworkTestBed(names, condition, Directory.CreateTempSubdirectory(BedNames.WorkDirectoryPrefix(Environment.ProcessId)).FullName);
            await bed.BuildAsync();
            return bed;
        }
        catch
        {
            if (bed is not null)
            {
                await bed.DisposeAsync();
            }

            throw;
        }
        finally
        {
            Allocation.Release();
        }
    }

    /// <summary>
    /// Called once the relay listens on <paramref name="relayUdpPort"/>. With the delay condition
    /// the proxy starts, and the NAT namespace steers the browser's datagrams for the announced
    /// proxy address and the relay's port to the proxy's own port (both on the root namespace's
    /// link), so the browser sees one address and port, as with a relay behind a delaying path.
    /// </summary>
    public async Task ConnectRelayAsync(int relayUdpPort)
    {
        if (Condition != NetworkCondition.Delay100Ms)
        {
            return;
        }

        _proxy = UdpDelayProxy.Start(_names.ProxyAddress, new IPEndPoint(_names.HostAddress, relayUdpPort), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10));
        await Nft($"add rule ip netbed steer ip daddr {_names.ProxyAddress} udp dport {relayUdpPort} dnat to {_names.ProxyAddress}:{_proxy.Port}");
    }

    /// <summary>
    /// Cuts everything between the browsers and the relay, media and signalling alike, as a Wi-Fi
    /// dropout would, until <see cref="EndOutageAsync"/>. The NAT keeps its mappings, as a home
    /// router does over a short dropout.
    /// </summary>
    public Task StartOutageAsync() => Nft("add rule ip netbed outage counter drop");

    public Task EndOutageAsync() => Nft("flush chain ip netbed outage");

    /// <summary>
    /// Moves the browser to a second network, as a laptop leaving Wi-Fi for a phone's hotspot:
    /// a new link with a new address comes up, the default route moves to it, and the first link
    /// goes, taking the browser's old address and every connection bound to it.
    /// </summary>
    public async Task SwitchBrowserNetworkAsync()
    {
        var n = _names;
        await Ip("link", "add", n.NatSecondLanLink, "netns", n.NatNamespace, "type", "veth", "peer", "name", n.BrowserSecondLink, "netns", n.BrowserNamespace);
        await Ip("-n", n.NatNamespace, "addr", "add", $"{n.NatSecondLanAddress}/30", "dev", n.NatSecondLanLink);
        await Ip("-n", n.NatNamespace, "link", "set", n.NatSecondLanLink, "up");
        await Ip("-n", n.BrowserNamespace, "addr", "add", $"{n.BrowserSecondAddress}/30", "dev", n.BrowserSecondLink);
        await Ip("-n", n.BrowserNamespace, "link", "set", n.BrowserSecondLink, "up");
        await Ip("-n", n.BrowserNamespace, "route", "replace", "default", "via", n.NatSecondLanAddress.ToString());
        await Ip("-n", n.BrowserNamespace, "link", "delete", n.BrowserLink);
    }

    /// <summary>Datagrams the delay proxy carried each way (zero unless <see cref="NetworkCondition.Delay100Ms"/>).</summary>
    public (long Upstream, long Downstream) ProxyDatagrams => _proxy is null ? (0, 0) : (_proxy.UpstreamDatagrams, _proxy.DownstreamDatagrams);

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        // Deleting the NAT namespace takes its veth ends with it, and with them the root's end;
        // that the root's end is deleted explicitly too covers a namespace a stray process keeps alive.
        await HostCommand.TryRunAsync("ip", ["netns", "delete", _names.BrowserNamespace]);
        await HostCommand.TryRunAsync("ip", ["netns", "delete", _names.NatNamespace]);
        await HostCommand.TryRunAsync("ip", ["link", "delete", _names.HostLink]);
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open in a dying browser must not fail the test.
        }
    }

    /// <summary>
    /// Takes the first free bed number by creating its root-side veth pair: the kernel refuses a
    /// name already taken, so two test processes starting at once cannot share a bed, and a bed
    /// never deletes a link it did not create.
    /// </summary>
    private static async Task<BedNames> ClaimNamesAsync()
    {
        var addresses = await HostCommand.RunAsync("ip", ["-4", "-o", "addr", "show"]);
        var routes = await HostCommand.RunAsync("ip", ["-4", "route", "show", "table", "all"]);
        for (var index = 0; index < BedNames.MaxBeds; index++)
        {
            var names = new BedNames(index, Environment.ProcessId);
            if (addresses.Contains(" " + names.AddressPrefix, StringComparison.Ordinal) || routes.Contains(names.AddressPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var claim = await HostCommand.TryRunAsync("ip", ["link", "add", names.HostLink, "type", "veth", "peer", "name", names.NatWanLink]);
            if (claim.ExitCode == 0)
            {
                await HostCommand.RunAsync("ip", ["link", "set", "dev", names.HostLink, "alias", names.OwnerAlias]);
                return names;
            }

            if (!claim.Error.Contains("exists", StringComparison.OrdinalIgnoreCase))
            {
                throw new BedUnavailableException($"`{claim.CommandLine}` failed (exit {claim.ExitCode}): {claim.Error.Trim()}");
            }
        }

        throw new BedUnavailableException($"no free bed among {BedNames.MaxBeds} (10.250.0.0/16 in use?)");
    }

    private async Task BuildAsync()
    {
        var n = _names;
        await Ip("netns", "add", n.NatNamespace);
        await Ip("netns", "add", n.BrowserNamespace);
        await WithoutIpv6Async(n);

        // Root ↔ NAT (the pair claimed the bed number): a /29 that only the bed uses.
        await Ip("link", "set", n.NatWanLink, "netns", n.NatNamespace);
        await Ip("addr", "add", $"{n.HostAddress}/29", "dev", n.HostLink);
        if (Condition == NetworkCondition.Delay100Ms)
        {
            await Ip("addr", "add", $"{n.ProxyAddress}/29", "dev", n.HostLink);
        }

        await Ip("link", "set", n.HostLink, "up");
        await Ip("-n", n.NatNamespace, "addr", "add", $"{n.NatWanAddress}/29", "dev", n.NatWanLink);
        await Ip("-n", n.NatNamespace, "link", "set", n.NatWanLink, "up");
        await Ip("-n", n.NatNamespace, "link", "set", "lo", "up");

        // NAT ↔ browser: the browser's "home network"; its default route ends at the NAT namespace,
        // which itself has routes to its two links only.
        await Ip("link", "add", n.NatLanLink, "netns", n.NatNamespace, "type", "veth", "peer", "name", n.BrowserLink, "netns", n.BrowserNamespace);
        await Ip("-n", n.NatNamespace, "addr", "add", $"{n.NatLanAddress}/30", "dev", n.NatLanLink);
        await Ip("-n", n.NatNamespace, "link", "set", n.NatLanLink, "up");
        await Ip("-n", n.BrowserNamespace, "addr", "add", $"{n.BrowserAddress}/30", "dev", n.BrowserLink);
        await Ip("-n", n.BrowserNamespace, "link", "set", n.BrowserLink, "up");
        await Ip("-n", n.BrowserNamespace, "link", "set", "lo", "up");
        await Ip("-n", n.BrowserNamespace, "route", "add", "default", "via", n.NatLanAddress.ToString());
        await HostCommand.RunAsync("ip", ["netns", "exec", n.NatNamespace, "sysctl", "-qw", "net.ipv4.ip_forward=1"]);

        await HostCommand.RunAsync("ip", ["netns", "exec", n.NatNamespace, "nft", "-f", "-"], NatRuleset());
        if (Condition == NetworkCondition.Capped1Mbit)
        {
            // The browser's uplink on its own interface, the downlink on the NAT's side of the same link.
            await Shape(n.BrowserNamespace, n.BrowserLink);
            await Shape(n.NatNamespace, n.NatLanLink);
        }
    }

    /// <summary>
    /// The bed is IPv4 only. With IPv6 on, a link brought up gets a link-local address that turns
    /// usable a second or two later, after duplicate address detection; a Chromium seeing it treats
    /// it as a network change and fails its loads in flight (a CI run saw two pages report
    /// ERR_NETWORK_CHANGED). So IPv6 is off where a browser can see the bed's links: inside the
    /// browser namespace before its link exists, and on the host's end of the bed.
    /// </summary>
    private static async Task WithoutIpv6Async(BedNames n)
    {
        if (!Directory.Exists("/proc/sys/net/ipv6"))
        {
            return;
        }

        await HostCommand.RunAsync("ip", ["netns", "exec", n.BrowserNamespace, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"]);
        await HostCommand.RunAsync("sysctl", ["-qw", $"net.ipv6.conf.{n.HostLink}.disable_ipv6=1"]);
    }

    /// <summary>
    /// The NAT namespace's whole ruleset: masquerade towards the relay, the condition's filter in
    /// the forward hook (it sees both directions of the media path), an empty steering chain
    /// that the delay condition fills once the relay's port is known, and an empty outage chain.
    /// </summary>
    private string NatRuleset()
    {
        var filter = Condition switch
        {
            // Only what goes to the relay: the answer to a datagram never sent cannot arrive anyway.
            NetworkCondition.UdpBlocked => $"ip daddr {_names.HostAddress} meta l4proto udp counter drop",
            // HTTP and the hub are TCP; UDP here is the media path (ICE, DTLS, SRTP), both ways.
            NetworkCondition.Loss5Percent => "meta l4proto udp numgen random mod 100 < 5 counter drop",
            _ => "",
        };
        return string.Create(CultureInfo.InvariantCulture, $$"""
            table ip netbed {
              chain masquerade_out {
                type nat hook postrouting priority srcnat;
                oifname "{{_names.NatWanLink}}" masquerade
              }
              chain steer {
                type nat hook prerouting priority dstnat;
              }
              chain impair {
                type filter hook forward priority filter;
                {{filter}}
              }
              chain outage {
                type filter hook forward priority filter;
              }
            }

            """);
    }

    /// <summary>tbf, not netem (absent here): 1 Mbit/s with a queue of ~100 ms, as a DSL line would hold.</summary>
    private static Task<string> Shape(string netns, string link) =>
        HostCommand.RunAsync("ip", ["netns", "exec", netns, "tc", "qdisc", "add", "dev", link, "root", "tbf", "rate", "1mbit", "burst", "16kb", "latency", "100ms"]);

    private Task<string> Nft(string command) =>
        HostCommand.RunAsync("ip", ["netns", "exec", _names.NatNamespace, "nft", .. command.Split(' ')]);

    private static Task<string> Ip(params string[] arguments) => HostCommand.RunAsync("ip", arguments);
}
