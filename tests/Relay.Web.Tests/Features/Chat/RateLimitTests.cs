using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Web.Features.Chat;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Chat;

/// <summary>On a server with the shipped defaults: a burst of 10, then 2 messages a second per user.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private RelayServer _server = null!;

    public async Task InitializeAsync() => _server = await RelayServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_flood_from_one_user_is_throttled_across_tabs_and_only_accepted_messages_are_stored()
    {
        await using var alice = await WebUser.RegisterAsync(_server);
        await using var bob = await WebUser.RegisterAsync(_server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);
        var tab1 = await alice.ConnectAsync();
        var tab2 = await alice.ConnectAsync();
        var bobHub = await bob.ConnectAsync();

        var accepted = 0;
        var refused = new List<string>();
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
        {
            try
            {
                await (i % 2 == 0 ? tab1 : tab2).InvokeAsync<MessageDto>("SendMessage", conversationId, $"spam {i}");
                accepted++;
            }
            catch (HubException ex)
            {
                refused.Add(ex.Message);
            }
        }

        // The burst of 10, plus what the bucket refilled (2 a second) while the loop ran on a busy machine.
        var refilled = (int)Math.Ceiling(elapsed.Elapsed.TotalSeconds * 2);
        Assert.InRange(accepted, 10, 10 + refilled + 1);
        Assert.NotEmpty(refused);
        Assert.All(refused, m => Assert.EndsWith("You are sending messages too fast. Wait a moment and try again.", m, StringComparison.Ordinal));
        Assert.Equal(accepted, await _server.QueryAsync(db => db.Messages.CountAsync(m => m.ConversationId == Guid.Parse(conversationId))));

        // Another user is not affected by Alice's flood.
        await bobHub.InvokeAsync<MessageDto>("SendMessage", conversationId, "I can still talk");
    }
}
