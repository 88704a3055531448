using Relay.MediaHost;

// The media relay alone, in its own process, so that its CPU time and memory are its own. Driven
// by the load generator over stdin/stdout; see HostCommands for the protocol. The one optional
// argument is the receive batch interval in microseconds (MediaOptions.ReceiveBatchInterval).
await using var host = HostCommands.Start(args.Length > 0 ? TimeSpan.FromMicroseconds(int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture)) : null);
await host.RunAsync(Console.In, Console.Out);
