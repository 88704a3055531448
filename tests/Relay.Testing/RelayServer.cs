using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Relay.Data;
using Relay.Web.Hosting;

namespace Relay.Testing;

/// <summary>
/// The real application on Kestrel at a free loopback port, with its own SQLite file in a
/// temporary folder. Settings are passed exactly as an operator would pass them: as arguments.
/// </summary>
public sealed class RelayServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RelayServer(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public T GetRequiredService<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public static Task<RelayServer> StartAsync(params string[] settings) => StartAsync(null, settings);

    /// <summary>With a change to the host before it is built, e.g. a logger provider that keeps what is logged.</summary>
    public static async Task<RelayServer> StartAsync(Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("relay-test-").FullName;
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Testing",
            "--contentRoot", RepositoryPaths.WebProject,
            "--Storage:DataDirectory", dataDirectory,
            "--Logging:LogLevel:Default", "Warning",
            // A free media port per server, so test servers run side by side; Chromium in the
            // browser tests is started with --allow-loopback-in-peer-connection.
            "--Media:UdpPort", "0",
            "--Media:TcpPort", "0",
            "--Media:AnnounceLoopback", "true",
            .. settings,
        ];
        var app = await RelayApplication.CreateAsync(args, configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RelayServer(app, dataDirectory, new Uri(address));
    }

    /// <summary>Runs a query against the server's own database, as a separate unit of work.</summary>
    public async Task<T> QueryAsync<T>(Func<RelayDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RelayDbContext>());
    }

    /// <summary>The SQLite file, readable after <see cref="StopAsync"/> to see what the server left behind.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, DataServiceCollectionExtensions.SqliteFileName);

    /// <summary>A graceful stop, as on a deploy; the data stays until disposal.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying connection must not fail the test run.
        }
    }
}
