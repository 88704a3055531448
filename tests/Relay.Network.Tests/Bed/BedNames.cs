using System.Globalization;
using System.Net;

namespace Relay.Network.Tests.Bed;

/// <summary>
/// The names and addresses of bed number <see cref="Index"/>. Everything a bed creates carries
/// <see cref="Prefix"/>, and its namespaces also the id of the process that owns them, so a
/// later run can tell a killed run's leftovers from a bed still in use.
/// <code>
///   root namespace (relay)        NAT namespace                    browser namespace
///   mrnbNh 10.250.N.1/29 ── veth ── mrnbNw 10.250.N.2/29
///   (+ 10.250.N.3: delay proxy)     mrnbNl 10.250.N.129/30 ── veth ── mrnbNb 10.250.N.130/30
///                                   masquerade out of mrnbNw          default route via .129
///                                   (after a network switch, the browser's second network:)
///                                   mrnbNm 10.250.N.133/30 ── veth ── mrnbNn 10.250.N.134/30
/// </code>
/// 10.250.0.0/16 is private (RFC 1918); the root namespace gets only the /29 of its own link.
/// </summary>
internal sealed record BedNames(int Index, int OwnerProcessId)
{
    public const string Prefix = "mrnb";

    /// <summary>Beds per machine at once; the third address byte.</summary>
    public const int MaxBeds = 200;

    public string NatNamespace => Name("nat");

    public string BrowserNamespace => Name("br");

    /// <summary>The root namespace's end of the link to the NAT namespace (interface names are at most 15 characters).</summary>
    public string HostLink => Link('h');

    public string NatWanLink => Link('w');

    public string NatLanLink => Link('l');

    public string BrowserLink => Link('b');

    public string NatSecondLanLink => Link('m');

    public string BrowserSecondLink => Link('n');

    public IPAddress HostAddress => Address(1);

    public IPAddress NatWanAddress => Address(2);

    public IPAddress ProxyAddress => Address(3);

    public IPAddress NatLanAddress => Address(129);

    public IPAddress BrowserAddress => Address(130);

    public IPAddress NatSecondLanAddress => Address(133);

    public IPAddress BrowserSecondAddress => Address(134);

    public string AddressPrefix => string.Create(CultureInfo.InvariantCulture, $"10.250.{Index}.");

    /// <summary>The root-side link's alias names its owner, so a killed run's link can be found even without its namespaces.</summary>
    public string OwnerAlias => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-owner-{OwnerProcessId}");

    /// <summary>The temporary folder of a bed of process <paramref name="processId"/> starts with this.</summary>
    public static string WorkDirectoryPrefix(int processId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{processId}-");

    /// <summary>Reads a namespace name back: the bed index and the owning process, or null when it is not a bed's.</summary>
    public static (int Index, int OwnerProcessId)? ParseNamespace(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = name[Prefix.Length..].Split('-');
        return parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
            ? (index, owner)
            : null;
    }

    private string Name(string role) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Index}-{role}-{OwnerProcessId}");

    private string Link(char role) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Index}{role}");

    private IPAddress Address(int host) => IPAddress.Parse(AddressPrefix + host.ToString(CultureInfo.InvariantCulture));
}
