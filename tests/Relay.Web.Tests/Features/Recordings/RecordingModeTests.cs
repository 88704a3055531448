using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Relay.Data.Entities;
using Relay.Web.Features.Calls;
using Relay.Web.Features.Recordings;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Recordings;

/// <summary>Recording:Mode decides for the parties (Always, Forbidden); the jobs dashboard is for administrators.</summary>
public sealed class RecordingModeTests
{
    [Fact]
    public async Task Always_records_every_call_from_connect_and_nobody_can_stop_it()
    {
        await using var server = await RelayServer.StartAsync("--Recording:Mode", "Always");
        await using var parties = await CallParties.CreateAsync(server);
        var calleeStarted = new EventInbox<RecordingStateDto>(parties.CalleeHub, "recordingStarted");
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);

        var started = await calleeStarted.NextAsync();
        Assert.True(started.Recording);
        Assert.False(started.CanStop);
        Assert.True(server.GetRequiredService<CallRecorder>().IsRecording(call.Id));
        var refused = await Assert.ThrowsAsync<HubException>(() => parties.CalleeHub.InvokeAsync<RecordingStateDto>("CallRecordStop", call.Id.ToString()));
        Assert.Contains("Every call is recorded", refused.Message, StringComparison.Ordinal);
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        await Eventually.TrueAsync(() => Task.FromResult(!server.GetRequiredService<CallRecorder>().IsRecording(call.Id)), "the recording to stop with the call");
    }

    [Fact]
    public async Task Forbidden_refuses_to_record_and_hides_the_button()
    {
        await using var server = await RelayServer.StartAsync("--Recording:Mode", "Forbidden");
        await using var parties = await CallParties.CreateAsync(server);
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await Eventually.TrueAsync(
            () => Task.FromResult(server.GetRequiredService<CallManager>().LiveCalls().Single(c => c.Id == call.Id).State == CallState.Connected),
            "the call to connect");

        var refused = await Assert.ThrowsAsync<HubException>(() => parties.CallerHub.InvokeAsync<RecordingStateDto>("CallRecordStart", call.Id.ToString()));
        Assert.Contains("turned off", refused.Message, StringComparison.Ordinal);
        Assert.False(server.GetRequiredService<CallRecorder>().IsRecording(call.Id));
        Assert.Contains("data-recording-mode=\"Forbidden\"", await parties.Caller.Http.GetStringAsync("/calls"), StringComparison.Ordinal);
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_administrators_only()
    {
        await using var server = await RelayServer.StartAsync("--Admin:UserNames:0", "overseer");
        await using var admin = await WebUser.RegisterAsync(server, "overseer");
        await using var user = await WebUser.RegisterAsync(server);
        await using var anonymous = WebUser.Anonymous(server);

        var asAdmin = await admin.Http.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        var html = await asAdmin.Content.ReadAsStringAsync();
        Assert.Contains(RecordingJobs.RecoverJobId, html, StringComparison.Ordinal);
        Assert.Contains(RecordingJobs.RetentionJobId, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync("/hangfire")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.Http.GetAsync("/hangfire")).StatusCode);
    }
}
