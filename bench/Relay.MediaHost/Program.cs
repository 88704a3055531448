using Relay.MediaHost;

// The media relay alone, in its own process, so that its CPU time and memory are its own. Driven
// by the load generator over stdin/stdout; see HostCommands for the protocol. Options:
// --batch-us N (MediaOptions.ReceiveBatchInterval in microseconds), --record DIR (record every leg).
TimeSpan? batch = null;
string? record = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--batch-us":
            batch = TimeSpan.FromMicroseconds(int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture));
            break;
        case "--record":
            record = args[i + 1];
            break;
        default:
            throw new ArgumentException($"Unknown argument {args[i]}.");
    }
}

await using var host = HostCommands.Start(batch, record);
await host.RunAsync(Console.In, Console.Out);
