using Microsoft.AspNetCore.SignalR;

namespace Relay.Web.Features.Chat;

/// <summary>
/// Passes a refused request's reason to the caller; any other failure stays a generic error.
/// SignalR's dispatcher logs every exception a hub method throws as an error, a refusal included
/// (a busy callee, a message over the rate limit), so appsettings.json silences it and this filter
/// logs instead: refusals at debug, everything else as the error it is.
/// </summary>
internal sealed partial class ChatRuleFilter(ILogger<ChatRuleFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (ChatRuleException ex)
        {
            LogRefused(invocationContext.HubMethodName, ex.Message);
            throw new HubException(ex.Message, ex);
        }
        catch (HubException ex)
        {
            LogRefused(invocationContext.HubMethodName, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} refused: {Reason}")]
    private partial void LogRefused(string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed")]
    private partial void LogFailed(Exception exception, string method);
}
