using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Web.Features.Chat;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Chat;

public sealed class ChatHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RelayServer Server => fixture.Server;

    [Fact]
    public async Task Two_users_exchange_messages_in_real_time_on_every_tab()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);
        var aliceHub = await alice.ConnectAsync();
        var bobTab1 = await bob.ConnectAsync();
        var bobTab2 = await bob.ConnectAsync();
        var bobInbox1 = new EventInbox<MessageDto>(bobTab1, "messageReceived");
        var bobInbox2 = new EventInbox<MessageDto>(bobTab2, "messageReceived");
        var aliceInbox = new EventInbox<MessageDto>(aliceHub, "messageReceived");

        var sent = await aliceHub.InvokeAsync<MessageDto>("SendMessage", conversationId, "  Hello Bob 👋  ");

        Assert.Equal("Hello Bob 👋", sent.Text);
        foreach (var inbox in new[] { bobInbox1, bobInbox2, aliceInbox })
        {
            var received = await inbox.NextAsync();
            Assert.Equal(sent.Id, received.Id);
            Assert.Equal("Hello Bob 👋", received.Text);
            Assert.Equal(alice.UserName, received.SenderName);
        }

        var reply = await bobTab1.InvokeAsync<MessageDto>("SendMessage", conversationId, "Hi Alice");
        Assert.Equal(reply.Id, (await aliceInbox.NextAsync()).Id);

        var stored = await Server.QueryAsync(db => db.Messages.Where(m => m.ConversationId == Guid.Parse(conversationId)).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
        Assert.Equal(["Hello Bob 👋", "Hi Alice"], stored);
    }

    [Fact]
    public async Task Opening_the_same_private_conversation_twice_gives_the_same_one_from_either_side()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);

        var ids = await Task.WhenAll(
            alice.OpenPrivateConversationAsync(bob.UserName),
            alice.OpenPrivateConversationAsync(bob.UserName),
            bob.OpenPrivateConversationAsync(alice.UserName.ToUpperInvariant()));

        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task A_non_member_can_neither_read_nor_post_nor_hear()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        await using var mallory = await WebUser.RegisterAsync(Server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);
        var aliceHub = await alice.ConnectAsync();
        var malloryHub = await mallory.ConnectAsync();
        var malloryInbox = new EventInbox<MessageDto>(malloryHub, "messageReceived");
        await aliceHub.InvokeAsync<MessageDto>("SendMessage", conversationId, "for Bob only");

        Assert.Equal(HttpStatusCode.NotFound, (await mallory.Http.GetAsync($"/api/conversations/{conversationId}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mallory.Http.GetAsync($"/chat/{conversationId}")).StatusCode);
        Assert.DoesNotContain(await mallory.Http.GetFromJsonAsync<List<ConversationSummary>>("/api/conversations") ?? [], c => c.Id.ToString() == conversationId);

        var refused = await Assert.ThrowsAsync<HubException>(() => malloryHub.InvokeAsync<MessageDto>("SendMessage", conversationId, "let me in"));
        Assert.Contains(ChatRuleException.NotAMember, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => malloryHub.InvokeAsync<ReadMarkDto>("MarkRead", conversationId, 1L));

        Assert.True(await malloryInbox.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, await Server.QueryAsync(db => db.Messages.CountAsync(m => m.ConversationId == Guid.Parse(conversationId))));
    }

    [Fact]
    public async Task Anonymous_hub_connections_are_refused()
    {
        await using var visitor = WebUser.Anonymous(Server);
        await using var connection = visitor.BuildConnection();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    // Lone surrogates cannot cross the JSON protocol (both ends replace them); MessageTextTests covers them.
    public static TheoryData<string?, string> BadTexts => new()
    {
        { null, "The message has no text." },
        { "", "The message is empty." },
        { "   \n\t  ", "The message is empty." },
        { new string('x', 501), "The message is too long: at most 500 characters." },
        { "bell\u0007", "The message contains control characters." },
        { "nul\0byte", "The message contains control characters." },
    };

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task Bad_message_text_gets_a_readable_error_and_stores_nothing(string? text, string expected)
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);
        var hub = await alice.ConnectAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>("SendMessage", conversationId, text));

        Assert.EndsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Server.QueryAsync(db => db.Messages.CountAsync(m => m.ConversationId == Guid.Parse(conversationId))));
    }

    [Fact]
    public async Task The_longest_allowed_message_is_accepted()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);
        var hub = await alice.ConnectAsync();

        var sent = await hub.InvokeAsync<MessageDto>("SendMessage", conversationId, new string('y', 500));

        Assert.Equal(500, sent.Text.Length);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    public async Task Unknown_or_malformed_conversation_ids_get_a_readable_error_and_store_nothing(string conversationId)
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        var hub = await alice.ConnectAsync();
        var before = await Server.QueryAsync(db => db.Messages.CountAsync());

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>("SendMessage", conversationId, "hello?"));

        Assert.EndsWith(ChatRuleException.NotAMember, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Server.QueryAsync(db => db.Messages.CountAsync()));
    }

    [Fact]
    public async Task Arguments_of_the_wrong_type_fail_the_call_and_store_nothing()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);
        var hub = await alice.ConnectAsync();

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>("SendMessage", conversationId, new { text = "an object" }));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>("SendMessage", conversationId));

        Assert.Equal(0, await Server.QueryAsync(db => db.Messages.CountAsync(m => m.ConversationId == Guid.Parse(conversationId))));
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task Presence_is_announced_to_contacts_when_the_first_tab_opens_and_the_last_closes()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        await alice.OpenPrivateConversationAsync(bob.UserName);
        var aliceHub = await alice.ConnectAsync();
        var presence = new EventInbox<PresenceDto>(aliceHub, "presenceChanged");

        var bobTab1 = bob.BuildConnection();
        var bobTab2 = bob.BuildConnection();
        await bobTab1.StartAsync();
        var online = await presence.NextAsync(p => p.UserName == bob.UserName);
        Assert.True(online.Online);

        await bobTab2.StartAsync();
        // StartAsync returns on the handshake, before the hub's OnConnectedAsync has counted the
        // tab; the server dispatches an invocation only after it, so this one waits for it.
        await bobTab2.InvokeAsync("StopEchoTest");
        await bobTab1.DisposeAsync();
        Assert.True(await presence.StaysEmptyAsync(TimeSpan.FromMilliseconds(500)), "closing one of two tabs must not mark the user offline");

        await bobTab2.DisposeAsync();
        var offline = await presence.NextAsync(p => p.UserName == bob.UserName);
        Assert.False(offline.Online);
    }

    [Fact]
    public async Task Read_marks_clear_unread_counts_and_reach_the_sender()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);
        var aliceHub = await alice.ConnectAsync();
        var bobHub = await bob.ConnectAsync();
        var aliceMarks = new EventInbox<ReadMarkDto>(aliceHub, "readMarked");
        await aliceHub.InvokeAsync<MessageDto>("SendMessage", conversationId, "one");
        var second = await aliceHub.InvokeAsync<MessageDto>("SendMessage", conversationId, "two");

        Assert.Equal(2, await UnreadAsync(bob, conversationId));
        Assert.Equal(0, await UnreadAsync(alice, conversationId));

        await bobHub.InvokeAsync<ReadMarkDto>("MarkRead", conversationId, second.Id);
        var mark = await aliceMarks.NextAsync();
        Assert.Equal(second.Id, mark.MessageId);
        Assert.Equal(0, await UnreadAsync(bob, conversationId));

        // An older mark from a stale tab does not move the mark back.
        var stale = await bobHub.InvokeAsync<ReadMarkDto>("MarkRead", conversationId, second.Id - 1);
        Assert.Equal(second.Id, stale.MessageId);
        Assert.Equal(0, await UnreadAsync(bob, conversationId));
    }

    [Fact]
    public async Task History_is_paged_newest_last_and_the_list_shows_the_last_message()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        var conversationId = await alice.OpenPrivateConversationAsync(bob.UserName);
        var hub = await alice.ConnectAsync();
        for (var i = 1; i <= 25; i++)
        {
            await hub.InvokeAsync<MessageDto>("SendMessage", conversationId, $"m{i}");
        }

        var newest = await bob.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        Assert.NotNull(newest);
        Assert.True(newest.HasMore);
        Assert.Equal(Enumerable.Range(16, 10).Select(i => $"m{i}"), newest.Messages.Select(m => m.Text));

        var older = await bob.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages?before={newest.Messages[0].Id}");
        Assert.Equal(Enumerable.Range(6, 10).Select(i => $"m{i}"), older!.Messages.Select(m => m.Text));
        var oldest = await bob.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages?before={older.Messages[0].Id}");
        Assert.False(oldest!.HasMore);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"m{i}"), oldest.Messages.Select(m => m.Text));

        var summary = (await bob.Http.GetFromJsonAsync<List<ConversationSummary>>("/api/conversations"))!.Single(c => c.Id.ToString() == conversationId);
        Assert.Equal("m25", summary.LastMessage?.Text);
        Assert.Equal(alice.UserName, summary.Title);
        Assert.Equal(25, summary.UnreadCount);
    }

    [Fact]
    public async Task A_group_reaches_every_member_and_only_its_members()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        await using var bob = await WebUser.RegisterAsync(Server);
        await using var carol = await WebUser.RegisterAsync(Server);
        await using var dave = await WebUser.RegisterAsync(Server);
        var bobHub = await bob.ConnectAsync();
        var carolHub = await carol.ConnectAsync();
        var daveHub = await dave.ConnectAsync();
        var bobAdded = new EventInbox<Guid>(bobHub, "conversationAdded");
        var bobInbox = new EventInbox<MessageDto>(bobHub, "messageReceived");
        var carolInbox = new EventInbox<MessageDto>(carolHub, "messageReceived");
        var daveInbox = new EventInbox<MessageDto>(daveHub, "messageReceived");

        var created = await alice.PostFormAsync("/chat/groups/new", new() { ["Name"] = "Launch team", ["Members"] = $"{bob.UserName}, {carol.UserName}" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var groupId = created.Headers.Location!.OriginalString["/chat/".Length..];
        Assert.Equal(groupId, (await bobAdded.NextAsync()).ToString());

        var aliceHub = await alice.ConnectAsync();
        await aliceHub.InvokeAsync<MessageDto>("SendMessage", groupId, "Kick-off at ten");

        Assert.Equal("Kick-off at ten", (await bobInbox.NextAsync()).Text);
        Assert.Equal("Kick-off at ten", (await carolInbox.NextAsync()).Text);
        Assert.True(await daveInbox.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
        var summary = (await carol.Http.GetFromJsonAsync<List<ConversationSummary>>("/api/conversations"))!.Single(c => c.Id.ToString() == groupId);
        Assert.Equal("Launch team", summary.Title);
        Assert.Equal(3, summary.Others.Count + 1);
    }

    [Fact]
    public async Task A_group_with_an_unknown_member_is_not_created()
    {
        await using var alice = await WebUser.RegisterAsync(Server);
        var before = await Server.QueryAsync(db => db.Conversations.CountAsync());

        var response = await alice.PostFormAsync("/chat/groups/new", new() { ["Name"] = "Ghosts", ["Members"] = "nobody-by-this-name" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No such user: nobody-by-this-name.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Server.QueryAsync(db => db.Conversations.CountAsync()));
    }

    [Fact]
    public async Task People_search_finds_others_by_part_of_their_name_but_not_oneself()
    {
        await using var alice = await WebUser.RegisterAsync(Server, "searcher-" + Guid.NewGuid().ToString("N")[..6]);
        await using var bob = await WebUser.RegisterAsync(Server, "findme-" + Guid.NewGuid().ToString("N")[..6]);

        var hits = await alice.Http.GetFromJsonAsync<List<UserHit>>($"/api/users?q={bob.UserName[2..9].ToUpperInvariant()}");
        var self = await alice.Http.GetFromJsonAsync<List<UserHit>>($"/api/users?q={alice.UserName}");

        Assert.Contains(hits!, h => h.UserName == bob.UserName);
        Assert.DoesNotContain(self!, h => h.UserName == alice.UserName);
    }

    private static async Task<int> UnreadAsync(WebUser user, string conversationId)
    {
        var list = await user.Http.GetFromJsonAsync<List<ConversationSummary>>("/api/conversations");
        return list!.Single(c => c.Id.ToString() == conversationId).UnreadCount;
    }
}
