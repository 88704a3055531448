namespace Relay.Web.Tests.Infrastructure;

/// <summary>
/// One server per test class. The rate limit is raised so that tests which send many messages
/// are not throttled; the throttle itself is tested on a server with the default settings.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public RelayServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await RelayServer.StartAsync(
            "--Chat:RateLimitBurst", "10000",
            "--Chat:RateLimitPerSecond", "10000",
            "--Chat:HistoryPageSize", "10",
            "--Chat:MaxMessageLength", "500");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
