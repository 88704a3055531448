using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Relay.Web.Features.Recordings;

/// <summary>
/// Hangfire's logging, through this application's logger factory. Hangfire keeps one log provider
/// for the whole process, the last one configured; when two applications share a process (the
/// tests run several servers) and the last one is disposed, its factory throws, and Hangfire then
/// fails to create the other application's jobs (the filter attributes it builds for a new job
/// ask for a logger). A disposed factory gives a logger that drops messages instead.
/// </summary>
internal sealed class HangfireLogBridge(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _provider = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _provider.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Dropped.Instance;
        }
    }

    private sealed class Dropped : ILog
    {
        public static readonly Dropped Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
