using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Data.Entities;
using Relay.Web.Features.Calls;
using Relay.Web.Features.Chat;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Calls;

/// <summary>Every way a call can end, through the real hub, with the history row and the conversation line it leaves.</summary>
public sealed class CallSignalingTests : IAsyncLifetime
{
    private RelayServer _server = null!;

    // Default timeouts here, so a slow step on a busy machine cannot turn a test's call into a
    // missed or failed one; the two tests about those timeouts start servers with short ones.
    public async Task InitializeAsync() => _server = await RelayServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_invite_rings_every_tab_of_the_callee_and_the_first_accept_wins()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var secondTab = await parties.Callee.ConnectAsync();
        var secondIncoming = new EventInbox<CallDto>(secondTab, "callIncoming");
        var elsewhere = new EventInbox<CallDto>(secondTab, "callAnsweredElsewhere");

        var call = await parties.RingAsync();
        Assert.Equal("Ringing", call.State);
        Assert.Equal(call.Id, (await secondIncoming.NextAsync()).Id);

        var accepted = await parties.CalleeHub.InvokeAsync<CallDto>("CallAccept", call.Id.ToString());
        Assert.Equal("Accepted", accepted.State);
        Assert.Equal(call.Id, (await parties.CallerAccepted.NextAsync()).Id);
        Assert.Equal(call.Id, (await elsewhere.NextAsync()).Id);

        var late = await Assert.ThrowsAsync<HubException>(() => secondTab.InvokeAsync<CallDto>("CallAccept", call.Id.ToString()));
        Assert.EndsWith("The call was already answered.", late.Message, StringComparison.Ordinal);
        var row = await RowAsync(call.Id);
        Assert.Equal(CallState.Accepted, row.State);
        Assert.NotNull(row.AnsweredAt);
    }

    [Fact]
    public async Task Declining_tells_the_caller_and_leaves_a_declined_row()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAsync("audio");

        await parties.CalleeHub.InvokeAsync("CallReject", call.Id.ToString());

        var rejected = await parties.CallerRejected.NextAsync();
        Assert.Equal(nameof(CallEndReason.Rejected), rejected.EndReason);
        Assert.Equal("Rejected", (await parties.CalleeEnded.NextAsync()).Reason);
        await AssertEndedAsync(call.Id, CallEndReason.Rejected, "Declined voice call");
    }

    [Fact]
    public async Task The_caller_hanging_up_while_it_rings_cancels_the_call()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAsync();

        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());

        Assert.Equal("Cancelled", (await parties.CalleeEnded.NextAsync()).Reason);
        Assert.Equal("Cancelled", (await parties.CallerEnded.NextAsync()).Reason);
        await AssertEndedAsync(call.Id, CallEndReason.Cancelled, "Cancelled video call");
    }

    [Fact]
    public async Task A_call_nobody_answers_is_missed_after_the_ring_timeout()
    {
        await using var server = await RelayServer.StartAsync("--Calls:RingTimeout", "00:00:02");
        await using var parties = await CallParties.CreateAsync(server);
        var call = await parties.RingAsync("audio");

        Assert.Equal("Missed", (await parties.CallerEnded.NextAsync(TimeSpan.FromSeconds(10))).Reason);
        Assert.Equal("Missed", (await parties.CalleeEnded.NextAsync()).Reason);
        await AssertEndedAsync(server, call.Id, CallEndReason.Missed, "Missed voice call");
    }

    [Fact]
    public async Task Calling_someone_already_in_a_call_is_busy_and_recorded()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        await parties.RingAsync();
        await using var third = await WebUser.RegisterAsync(_server);
        var thirdConversation = await third.OpenPrivateConversationAsync(parties.Callee.UserName);
        var thirdHub = await third.ConnectAsync();
        var thirdEnded = new EventInbox<CallEndedDto>(thirdHub, "callEnded");

        var busy = await thirdHub.InvokeAsync<CallDto>("CallInvite", thirdConversation, "video");

        Assert.Equal("Ended", busy.State);
        Assert.Equal("Busy", busy.EndReason);
        Assert.Equal("Busy", (await thirdEnded.NextAsync()).Reason);
        await AssertEndedAsync(busy.Id, CallEndReason.Busy, "Video call · busy");
        var again = await Assert.ThrowsAsync<HubException>(() => parties.CallerHub.InvokeAsync<CallDto>("CallInvite", parties.ConversationId, "video"));
        Assert.EndsWith("You are already in a call.", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hanging_up_an_answered_call_ends_it_for_both()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync();

        await parties.CalleeHub.InvokeAsync("CallHangup", call.Id.ToString());

        Assert.Equal("HungUp", (await parties.CallerEnded.NextAsync()).Reason);
        Assert.Equal("HungUp", (await parties.CalleeEnded.NextAsync()).Reason);
        await AssertEndedAsync(call.Id, CallEndReason.HungUp, "Video call · could not connect");
    }

    [Fact]
    public async Task Hanging_up_a_call_the_other_party_has_just_ended_is_no_error()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync();
        await parties.CalleeHub.InvokeAsync("CallHangup", call.Id.ToString());
        Assert.Equal("HungUp", (await parties.CallerEnded.NextAsync()).Reason);

        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());

        await AssertEndedAsync(call.Id, CallEndReason.HungUp, "Video call · could not connect");
        // Still only a call's parties may end it, and an id that is not one is still refused.
        var malformed = await Assert.ThrowsAsync<HubException>(() => parties.CallerHub.InvokeAsync("CallHangup", "not-a-call"));
        Assert.EndsWith("That call does not exist, or you are not part of it.", malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answered_call_whose_media_never_connects_fails()
    {
        await using var server = await RelayServer.StartAsync("--Calls:ConnectTimeout", "00:00:02");
        await using var parties = await CallParties.CreateAsync(server);
        var call = await parties.RingAndAcceptAsync("audio");

        Assert.Equal("Failed", (await parties.CallerEnded.NextAsync(TimeSpan.FromSeconds(10))).Reason);
        await AssertEndedAsync(server, call.Id, CallEndReason.Failed, "Voice call · could not connect");
    }

    [Fact]
    public async Task A_party_whose_connection_closes_ends_the_call_for_the_other_within_seconds()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync();

        await parties.CalleeHub.StopAsync();

        Assert.Equal("HungUp", (await parties.CallerEnded.NextAsync(TimeSpan.FromSeconds(10))).Reason);
        await AssertEndedAsync(call.Id, CallEndReason.HungUp, null);
    }

    [Fact]
    public async Task Someone_outside_the_call_can_do_nothing_with_it()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAsync();
        await using var mallory = await WebUser.RegisterAsync(_server);
        var hub = await mallory.ConnectAsync();
        var id = call.Id.ToString();

        foreach (var attempt in new Func<Task>[]
        {
            () => hub.InvokeAsync<CallDto>("CallAccept", id),
            () => hub.InvokeAsync("CallReject", id),
            () => hub.InvokeAsync("CallHangup", id),
            () => hub.InvokeAsync<string>("WebrtcOffer", id, "v=0"),
            () => hub.InvokeAsync("WebrtcIceCandidate", id, "candidate:1 1 udp 1 127.0.0.1 9 typ host"),
            () => hub.InvokeAsync("CallMediaState", id, false, false),
        })
        {
            var error = await Assert.ThrowsAsync<HubException>(attempt);
            Assert.EndsWith("That call does not exist, or you are not part of it.", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(CallState.Ringing, (await RowAsync(call.Id)).State);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<CallDto>("CallInvite", parties.ConversationId, "video"));
        Assert.EndsWith(ChatRuleException.NotAMember, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_callee_accepts_and_only_after_an_answer_may_sdp_be_sent()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAsync();
        var id = call.Id.ToString();

        var selfAccept = await Assert.ThrowsAsync<HubException>(() => parties.CallerHub.InvokeAsync<CallDto>("CallAccept", id));
        Assert.EndsWith("Only the person being called can accept.", selfAccept.Message, StringComparison.Ordinal);
        var early = await Assert.ThrowsAsync<HubException>(() => parties.CallerHub.InvokeAsync<string>("WebrtcOffer", id, "v=0"));
        Assert.EndsWith("The call has not been answered yet.", early.Message, StringComparison.Ordinal);
        var badType = await Assert.ThrowsAsync<HubException>(() => parties.CalleeHub.InvokeAsync<CallDto>("CallInvite", parties.ConversationId, "hologram"));
        Assert.EndsWith("A call is either \"audio\" or \"video\".", badType.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string> BadOffers => new()
    {
        { null, "The relay cannot use this offer:" },
        { "not sdp at all", "The relay cannot use this offer:" },
        { "v=0\r\n" + new string('a', 65 * 1024), "The relay cannot use this offer:" },
    };

    [Theory]
    [MemberData(nameof(BadOffers))]
    public async Task A_bad_or_oversized_offer_gets_a_readable_error_and_leaves_no_leg(string? sdp, string expected)
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync();
        var relay = _server.GetRequiredService<MediaRelayHost>().Relay;
        var legs = relay.LegCount;

        var error = await Assert.ThrowsAsync<HubException>(() => parties.CallerHub.InvokeAsync<string>("WebrtcOffer", call.Id.ToString(), sdp));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(legs, relay.LegCount);
        Assert.Equal(HubConnectionState.Connected, parties.CallerHub.State);
    }

    [Fact]
    public async Task Group_conversations_cannot_hold_calls()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var created = await parties.Caller.PostFormAsync("/chat/groups/new", new() { ["Name"] = "Ops", ["Members"] = parties.Callee.UserName });
        var groupId = created.Headers.Location!.OriginalString["/chat/".Length..];

        var error = await Assert.ThrowsAsync<HubException>(() => parties.CallerHub.InvokeAsync<CallDto>("CallInvite", groupId, "audio"));

        Assert.EndsWith("Calls can be made in private conversations only.", error.Message, StringComparison.Ordinal);
    }

    private Task<CallRecord> RowAsync(Guid id) => RowAsync(_server, id);

    private static Task<CallRecord> RowAsync(RelayServer server, Guid id) =>
        server.QueryAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == id));

    private Task AssertEndedAsync(Guid id, CallEndReason reason, string? line) => AssertEndedAsync(_server, id, reason, line);

    private static async Task AssertEndedAsync(RelayServer server, Guid id, CallEndReason reason, string? line)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        CallRecord row;
        while ((row = await RowAsync(server, id)).State != CallState.Ended && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(CallState.Ended, row.State);
        Assert.Equal(reason, row.EndReason);
        Assert.NotNull(row.EndedAt);
        if (line is not null)
        {
            var text = await server.QueryAsync(db => db.Messages.Where(m => m.CallId == id).Select(m => m.Text).SingleAsync());
            Assert.Equal(line, text);
        }
    }
}
