using Microsoft.AspNetCore.SignalR.Client;
using Relay.Web.Features.Calls;

namespace Relay.Web.Tests.Infrastructure;

/// <summary>Two users in a private conversation, each with one hub connection listening for call events.</summary>
public sealed class CallParties : IAsyncDisposable
{
    private CallParties(WebUser caller, WebUser callee, string conversationId, HubConnection callerHub, HubConnection calleeHub)
    {
        Caller = caller;
        Callee = callee;
        ConversationId = conversationId;
        CallerHub = callerHub;
        CalleeHub = calleeHub;
        CallerEnded = new EventInbox<CallEndedDto>(callerHub, "callEnded");
        CalleeEnded = new EventInbox<CallEndedDto>(calleeHub, "callEnded");
        CalleeIncoming = new EventInbox<CallDto>(calleeHub, "callIncoming");
        CallerAccepted = new EventInbox<CallDto>(callerHub, "callAccepted");
        CallerRejected = new EventInbox<CallDto>(callerHub, "callRejected");
    }

    public WebUser Caller { get; }

    public WebUser Callee { get; }

    public string ConversationId { get; }

    public HubConnection CallerHub { get; }

    public HubConnection CalleeHub { get; }

    public EventInbox<CallEndedDto> CallerEnded { get; }

    public EventInbox<CallEndedDto> CalleeEnded { get; }

    public EventInbox<CallDto> CalleeIncoming { get; }

    public EventInbox<CallDto> CallerAccepted { get; }

    public EventInbox<CallDto> CallerRejected { get; }

    public static async Task<CallParties> CreateAsync(RelayServer server)
    {
        var caller = await WebUser.RegisterAsync(server);
        var callee = await WebUser.RegisterAsync(server);
        var conversationId = await caller.OpenPrivateConversationAsync(callee.UserName);
        return new CallParties(caller, callee, conversationId, await caller.ConnectAsync(), await callee.ConnectAsync());
    }

    /// <summary>Places a call and waits until it rings at the callee.</summary>
    public async Task<CallDto> RingAsync(string type = "video")
    {
        var call = await CallerHub.InvokeAsync<CallDto>("CallInvite", ConversationId, type);
        Assert.Equal(call.Id, (await CalleeIncoming.NextAsync()).Id);
        return call;
    }

    public async Task<CallDto> RingAndAcceptAsync(string type = "video")
    {
        var call = await RingAsync(type);
        await CalleeHub.InvokeAsync<CallDto>("CallAccept", call.Id.ToString());
        Assert.Equal("Accepted", (await CallerAccepted.NextAsync()).State);
        return call;
    }

    /// <summary>A real call row for data to hang on (recordings, quality samples): rung and cancelled through the hub by new parties.</summary>
    public static async Task<(Guid CallId, string CallerId)> EndedCallAsync(RelayServer server)
    {
        await using var parties = await CreateAsync(server);
        var call = await parties.RingAsync();
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        await parties.CallerEnded.NextAsync();
        return (call.Id, call.CallerId);
    }

    public async ValueTask DisposeAsync()
    {
        await Caller.DisposeAsync();
        await Callee.DisposeAsync();
    }
}
