using System.Globalization;
using Relay.Media.Transport;

namespace Relay.LoadGenerator;

/// <summary><c>--calls N --seconds S [--warmup W] [--pin-core C] [--senders T] [--connect-parallel P] [--host-nice N] [--relay-batch-us U] [--record-dir DIR] [--transport udp|tcp] [--host-dll PATH]</c></summary>
internal sealed record Options
{
    public int Calls { get; init; } = 10;

    public int Seconds { get; init; } = 30;

    public int Warmup { get; init; } = 5;

    /// <summary>Run the media host under <c>taskset -c</c> this core.</summary>
    public int? PinCore { get; init; }

    /// <summary>
    /// Start the media host under <c>nice -n</c> this value (negative needs root). On a shared VM
    /// whose neighbours run at a raised priority, this stands in for the dedicated core a media
    /// server would have; every run that used it says so.
    /// </summary>
    public int? HostNice { get; init; }

    /// <summary>The relay's <c>MediaOptions.ReceiveBatchInterval</c> in microseconds; null keeps its default.</summary>
    public int? RelayBatchMicroseconds { get; init; }

    /// <summary>Have the host record every leg into this directory (as the app records a call).</summary>
    public string? RecordDirectory { get; init; }

    /// <summary>How every leg reaches the relay: UDP, or ICE-TCP (RFC 6544/4571) as a browser behind a UDP-blocking firewall does.</summary>
    public MediaTransport Transport { get; init; } = MediaTransport.Udp;

    public int SenderThreads { get; init; } = 2;

    /// <summary>Calls set up at once (ICE + two DTLS handshakes each).</summary>
    public int ConnectParallel { get; init; } = 4;

    public string? HostDll { get; init; }

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--calls" => options with { Calls = Int(value) },
                "--seconds" => options with { Seconds = Int(value) },
                "--warmup" => options with { Warmup = Int(value) },
                "--pin-core" => options with { PinCore = Int(value) },
                "--host-nice" => options with { HostNice = int.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) },
                "--relay-batch-us" => options with { RelayBatchMicroseconds = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) },
                "--record-dir" => options with { RecordDirectory = Path.GetFullPath(value) },
                "--transport" => options with { Transport = ParseTransport(value) },
                "--senders" => options with { SenderThreads = Int(value) },
                "--connect-parallel" => options with { ConnectParallel = Int(value) },
                "--host-dll" => options with { HostDll = value },
                _ => throw new ArgumentException($"Unknown argument {args[i]}."),
            };
            i++;
        }

        return options;
    }

    /// <summary>The Release build of bench/Relay.MediaHost, found from this assembly's directory upwards.</summary>
    public string ResolveHostDll()
    {
        if (HostDll is not null)
        {
            return Path.GetFullPath(HostDll);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "bench", "Relay.MediaHost", "bin", "Release", "net10.0", "Relay.MediaHost.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Build the media host first: dotnet build -c Release bench/Relay.MediaHost");
    }

    private static MediaTransport ParseTransport(string value) => value switch
    {
        "udp" => MediaTransport.Udp,
        "tcp" => MediaTransport.Tcp,
        _ => throw new ArgumentException($"--transport is udp or tcp, not {value}."),
    };

    private static int Int(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
}
