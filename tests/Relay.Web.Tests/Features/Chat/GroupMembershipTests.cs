using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Web.Features.Chat;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Chat;

public sealed class GroupMembershipTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RelayServer Server => fixture.Server;

    [Fact]
    public async Task A_member_adds_people_who_then_hear_and_can_post()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        await using var carol = await WebUser.RegisterAsync(Server);
        var groupId = await CreateGroupAsync(alice, bob.UserName);
        var carolHub = await carol.ConnectAsync();
        var carolAdded = new EventInbox<Guid>(carolHub, "conversationAdded");
        var carolInbox = new EventInbox<MessageDto>(carolHub, "messageReceived");

        var response = await bob.PostFormAsync($"/chat/{groupId}/members", new() { ["Names"] = $"{carol.UserName}, {alice.UserName}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Added 1 person.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(groupId, (await carolAdded.NextAsync()).ToString());
        var aliceHub = await alice.ConnectAsync();
        await aliceHub.InvokeAsync<MessageDto>("SendMessage", groupId, "Welcome, Carol");
        Assert.Equal("Welcome, Carol", (await carolInbox.NextAsync()).Text);
        await carolHub.InvokeAsync<MessageDto>("SendMessage", groupId, "Thanks!");
        Assert.Equal(3, await Server.QueryAsync(db => db.ConversationMembers.CountAsync(m => m.ConversationId == Guid.Parse(groupId))));
    }

    [Fact]
    public async Task Outsiders_cannot_see_or_change_the_members()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        await using var mallory = await WebUser.RegisterAsync(Server);
        var groupId = await CreateGroupAsync(alice, bob.UserName);

        Assert.Equal(HttpStatusCode.NotFound, (await mallory.Http.GetAsync($"/chat/{groupId}/members")).StatusCode);
        var post = await mallory.PostFormAsync($"/chat/{groupId}/members", new() { ["Names"] = mallory.UserName }, formPage: "/chat/groups/new");

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(2, await Server.QueryAsync(db => db.ConversationMembers.CountAsync(m => m.ConversationId == Guid.Parse(groupId))));
    }

    [Fact]
    public async Task Private_conversations_stay_between_two_people()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        await using var carol = await WebUser.RegisterAsync(Server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);

        var response = await alice.PostFormAsync($"/chat/{conversationId}/members", new() { ["Names"] = carol.UserName });

        Assert.Contains("People can be added to groups only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await Server.QueryAsync(db => db.ConversationMembers.CountAsync(m => m.ConversationId == Guid.Parse(conversationId))));
    }

    [Fact]
    public async Task Unknown_names_are_reported_and_nobody_is_added()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        await using var carol = await WebUser.RegisterAsync(Server);
        var groupId = await CreateGroupAsync(alice, bob.UserName);

        var response = await alice.PostFormAsync($"/chat/{groupId}/members", new() { ["Names"] = $"{carol.UserName} ghost-of-nobody" });

        Assert.Contains("No such user: ghost-of-nobody.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await Server.QueryAsync(db => db.ConversationMembers.CountAsync(m => m.ConversationId == Guid.Parse(groupId))));
    }

    private static async Task<string> CreateGroupAsync(WebUser creator, params string[] members)
    {
        var created = await creator.PostFormAsync("/chat/groups/new", new() { ["Name"] = "Team " + Guid.NewGuid().ToString("N")[..4], ["Members"] = string.Join(",", members) });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return created.Headers.Location!.OriginalString["/chat/".Length..];
    }
}
