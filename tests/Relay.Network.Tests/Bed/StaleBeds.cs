using System.Globalization;

namespace Relay.Network.Tests.Bed;

/// <summary>
/// Removes what a killed test run left behind: namespaces named for a bed whose owning process is
/// gone, the root namespace's end of their links (found by the owner in the link's alias; it can
/// outlive a namespace that a stray process still holds), and their temporary folders.
/// </summary>
internal static class StaleBeds
{
    public static async Task RemoveAsync()
    {
        var listing = await HostCommand.RunAsync("ip", ["netns", "list"]);
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "name (id: 3)" when the namespace has an id.
            var name = line.Split(' ', 2)[0];
            if (BedNames.ParseNamespace(name) is not { } bed || bed.OwnerProcessId == Environment.ProcessId || IsRunning(bed.OwnerProcessId))
            {
                continue;
            }

            await HostCommand.TryRunAsync("ip", ["netns", "delete", name]);
            await HostCommand.TryRunAsync("ip", ["link", "delete", new BedNames(bed.Index, bed.OwnerProcessId).HostLink]);
        }

        // "21: mrnb0h@if2: <BROADCAST,...> ... \    alias mrnb-owner-2114"
        var links = await HostCommand.RunAsync("ip", ["-o", "link", "show"]);
        foreach (var line in links.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var alias = line.IndexOf("alias " + BedNames.Prefix + "-owner-", StringComparison.Ordinal);
            if (alias < 0 || !int.TryParse(line.AsSpan(alias + "alias ".Length + BedNames.Prefix.Length + "-owner-".Length).TrimEnd(), NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
                || owner == Environment.ProcessId || IsRunning(owner))
            {
                continue;
            }

            var name = line.Split(':', 3)[1].Trim().Split('@')[0];
            await HostCommand.TryRunAsync("ip", ["link", "delete", name]);
        }

        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), BedNames.Prefix + "-*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var owner) && owner != Environment.ProcessId && !IsRunning(owner))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static bool IsRunning(int processId) => Directory.Exists($"/proc/{processId}");
}
