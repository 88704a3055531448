using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Relay.Web.Hosting;

internal static partial class StartupLog
{
    /// <summary>Tells a newcomer where to go, once Kestrel knows its real addresses.</summary>
    public static void Ready(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null)
        {
            return;
        }

        foreach (var address in addresses)
        {
            LogOpen(app.Logger, address);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MediaRelay is ready: open {Address} in a browser")]
    private static partial void LogOpen(ILogger logger, string address);
}
