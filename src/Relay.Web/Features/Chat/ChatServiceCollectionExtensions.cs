using Microsoft.AspNetCore.SignalR;

namespace Relay.Web.Features.Chat;

internal static class ChatServiceCollectionExtensions
{
    public const string HubPath = "/hubs/chat";

    public static IServiceCollection AddRelayChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatOptions>()
            .Bind(configuration.GetSection(ChatOptions.SectionName))
            .Validate(o => { o.Validate(); return true; })
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<MessageRateLimiter>();
        services.AddScoped<ChatService>();
        services.AddSignalR(o =>
        {
            o.AddFilter<ChatRuleFilter>();
            // Room for the longest message with every character JSON-escaped, and for an SDP just
            // over the parser's 64 KiB bound, so that an oversized offer gets a readable error.
            o.MaximumReceiveMessageSize = 128 * 1024;
            // Pages give up on a server quiet for 15 s (hub.js), half SignalR's default, so that a
            // call whose browser changed network resumes sooner; they need a ping well within it.
            o.KeepAliveInterval = TimeSpan.FromSeconds(5);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<ChatHub>(HubPath);
        endpoints.MapChatApi();
        return endpoints;
    }
}
