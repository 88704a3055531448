using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Chat;

/// <summary>
/// What an operator's log shows of hub calls: a refused request (someone else's call, a bad id)
/// is ordinary and is no error; a real failure is one error with its exception, once.
/// </summary>
public sealed class HubFailureLoggingTests
{
    private const string Filter = "Relay.Web.Features.Chat.ChatRuleFilter";

    [Fact]
    public async Task A_refused_request_is_logged_at_debug_and_is_no_error()
    {
        var capture = new LogCapture();
        await using var server = await StartAsync(capture);
        await using var user = await WebUser.RegisterAsync(server);
        var hub = await user.ConnectAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("CallHangup", "not-a-call"));

        Assert.EndsWith("That call does not exist, or you are not part of it.", refused.Message, StringComparison.Ordinal);
        var entry = Assert.Single(capture.Entries, e => e.Category == Filter);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal("CallHangup refused: That call does not exist, or you are not part of it.", entry.Message);
        Assert.DoesNotContain(capture.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_failure_is_logged_once_as_an_error_with_its_exception_and_the_caller_gets_no_details()
    {
        var capture = new LogCapture();
        await using var server = await StartAsync(capture);
        await using var alice = await WebUser.RegisterAsync(server);
        await using var bob = await WebUser.RegisterAsync(server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);
        var hub = await alice.ConnectAsync();
        // A fault the application cannot turn into a refusal: its messages table is gone.
        await server.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE Messages"));

        var failed = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<object>("SendMessage", conversationId, "hello"));

        Assert.DoesNotContain("Messages", failed.Message, StringComparison.Ordinal);
        // EF Core logs the failed command itself; the hub call is one error, from the filter.
        var error = Assert.Single(capture.Entries, e => e.Level >= LogLevel.Error && !e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Equal(Filter, error.Category);
        Assert.Equal("SendMessage failed", error.Message);
        Assert.Contains("no such table", error.Exception?.ToString() ?? "", StringComparison.Ordinal);
    }

    private static Task<RelayServer> StartAsync(LogCapture capture) =>
        RelayServer.StartAsync(builder => builder.Logging.AddProvider(capture), "--Logging:LogLevel:" + Filter, "Debug");
}
