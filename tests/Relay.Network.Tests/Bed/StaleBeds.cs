using System.Globalization;

namespace Relay.Network.Tests.Bed;

/// <summary>
/// Removes what a killed test run left behind: namespaces named for a bed whose owning process is
/// gone, the root namespace's end of their links (which can outlive a namespace that a stray
/// process still holds), and their temporary folders.
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
