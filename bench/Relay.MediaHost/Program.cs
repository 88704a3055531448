using Relay.MediaHost;

// The media relay alone, in its own process, so that its CPU time and memory are its own. Driven
// by the load generator over stdin/stdout; see HostCommands for the protocol.
await using var host = HostCommands.Start();
await host.RunAsync(Console.In, Console.Out);
