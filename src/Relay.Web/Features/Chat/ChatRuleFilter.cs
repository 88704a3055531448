using Microsoft.AspNetCore.SignalR;

namespace Relay.Web.Features.Chat;

/// <summary>Passes a refused request's reason to the caller; any other failure stays a generic error.</summary>
internal sealed class ChatRuleFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (ChatRuleException ex)
        {
            throw new HubException(ex.Message, ex);
        }
    }
}
