using Microsoft.Extensions.Options;
using Relay.Media;
using Relay.Media.Dtls;
using Relay.Media.Sessions;
using Relay.Web.Features.Chat;

namespace Relay.Web.Features.Calls;

/// <summary>
/// Owns the process's media relay: binds its UDP port and its ICE-TCP port (unless
/// <c>Media:TcpEnabled</c> is false) when the app starts (after a warm-up handshake, MEDIA-NOTES
/// pitfall 4) and ends every leg when it stops.
/// </summary>
public sealed partial class MediaRelayHost(IOptions<MediaOptions> options, ILogger<MediaRelayHost> logger) : IHostedService, IAsyncDisposable
{
    private MediaRelay? _relay;

    public MediaRelay Relay => _relay ?? throw new InvalidOperationException("The media relay has not started.");

    /// <summary>The relay while it runs, null before start and after stop (a scrape can come at either).</summary>
    public MediaRelay? Running => Volatile.Read(ref _relay);

    /// <summary>A new leg answering the browser's offer; a bad offer is refused with a reason the person can read.</summary>
    public MediaLeg CreateLeg(IMediaRouter router, string? offerSdp) =>
        Relay.TryCreateLeg(router, offerSdp, out var error)
            ?? throw new ChatRuleException($"The relay cannot use this offer: {error}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DtlsEndpoint.WarmUpAsync(cancellationToken);
        _relay = MediaRelay.Start(options.Value);
        if (_relay.TcpEndPoint is { } tcp)
        {
            LogStarted(logger, _relay.LocalEndPoint.Port, tcp.Port, _relay.AnnouncedAddresses);
        }
        else
        {
            LogStartedUdpOnly(logger, _relay.LocalEndPoint.Port, _relay.AnnouncedAddresses);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _relay, null) is { } relay)
        {
            await relay.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Media relay listening on UDP port {Port} and ICE-TCP port {TcpPort}, announcing {Addresses}")]
    private static partial void LogStarted(ILogger logger, int port, int tcpPort, IReadOnlyList<System.Net.IPAddress> addresses);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media relay listening on UDP port {Port} (ICE-TCP off), announcing {Addresses}")]
    private static partial void LogStartedUdpOnly(ILogger logger, int port, IReadOnlyList<System.Net.IPAddress> addresses);
}
