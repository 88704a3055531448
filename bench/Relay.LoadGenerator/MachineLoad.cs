using System.Globalization;

namespace Relay.LoadGenerator;

/// <summary>
/// Machine-wide readings from Linux /proc, to tell the relay's figures from a neighbour's load:
/// busy CPU time of all processes (/proc/stat, in USER_HZ ticks) and UDP receive-buffer
/// overflows (/proc/net/snmp RcvbufErrors: datagrams the kernel dropped because a socket's
/// queue was full, on any socket of the machine). Zeros where /proc is missing.
/// </summary>
internal readonly record struct MachineLoad(long BusyTicks, long TotalTicks, long UdpReceiveBufferErrors)
{
    /// <summary>USER_HZ; 100 on every Linux architecture .NET runs on.</summary>
    public const double TicksPerSecond = 100;

    public static MachineLoad Read()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long total = 0, idle = 0;
            for (var i = 1; i < cpu.Length; i++)
            {
                var value = long.Parse(cpu[i], CultureInfo.InvariantCulture);
                total += i <= 8 ? value : 0; // guest time is already in user
                idle += i is 4 or 5 ? value : 0; // idle, iowait
            }

            var udp = File.ReadLines("/proc/net/snmp").Where(l => l.StartsWith("Udp:", StringComparison.Ordinal)).ToArray();
            var names = udp[0].Split(' ');
            var values = udp[1].Split(' ');
            var errors = long.Parse(values[Array.IndexOf(names, "RcvbufErrors")], CultureInfo.InvariantCulture);
            return new MachineLoad(total - idle, total, errors);
        }
        catch (IOException)
        {
            return default;
        }
    }
}
