using System.Security.Claims;

namespace Relay.Web.Features.Chat;

/// <summary>
/// Read-only JSON the chat page loads from. Writes go through the hub or antiforgery-protected
/// forms, so these GETs need no CSRF token. All routes require a signed-in user (fallback policy).
/// </summary>
internal static class ChatApi
{
    public static void MapChatApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization();

        api.MapGet("/conversations", (ClaimsPrincipal user, ChatService chat, CancellationToken ct) =>
            chat.ListAsync(UserId(user), ct));

        api.MapGet("/conversations/{conversationId}/messages", async (string conversationId, long? before, int? take, ClaimsPrincipal user, ChatService chat, CancellationToken ct) =>
        {
            try
            {
                return Results.Ok(await chat.HistoryAsync(UserId(user), conversationId, before, take, ct));
            }
            catch (ChatRuleException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
            }
        });

        api.MapGet("/users", (string? q, ClaimsPrincipal user, ChatService chat, CancellationToken ct) =>
            chat.SearchUsersAsync(UserId(user), q, ct));
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has no user id.");
}
