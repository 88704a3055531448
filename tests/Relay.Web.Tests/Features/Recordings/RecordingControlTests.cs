using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Data.Entities;
using Relay.Web.Features.Calls;
using Relay.Web.Features.Recordings;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Recordings;

/// <summary>
/// A call recorded through the hub with client-role peers as the browsers: consent events, the
/// conversation line, the files the finalise job makes ready, and who may see them.
/// </summary>
public sealed class RecordingControlTests : IAsyncLifetime
{
    private const string AdminName = "auditor";

    private RelayServer _server = null!;

    public async Task InitializeAsync() => _server = await RelayServer.StartAsync("--Admin:UserNames:0", AdminName);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_recorded_call_becomes_two_ready_files_that_only_its_parties_and_admins_can_see()
    {
        await using var admin = await WebUser.RegisterAsync(_server, AdminName);
        await using var stranger = await WebUser.RegisterAsync(_server);
        await using var parties = await CallParties.CreateAsync(_server);
        var callerStarted = new EventInbox<RecordingStateDto>(parties.CallerHub, "recordingStarted");
        var calleeStarted = new EventInbox<RecordingStateDto>(parties.CalleeHub, "recordingStarted");
        var calleeStopped = new EventInbox<RecordingStateDto>(parties.CalleeHub, "recordingStopped");
        var calleeMessages = new EventInbox<Relay.Web.Features.Chat.MessageDto>(parties.CalleeHub, "messageReceived");
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await WaitConnectedAsync(call.Id);

        var keyFramesBefore = callerPeer.KeyFrameRequests;
        var started = await parties.CalleeHub.InvokeAsync<RecordingStateDto>("CallRecordStart", call.Id.ToString());
        Assert.True(started.Recording);
        Assert.Equal(started.SessionId, (await callerStarted.NextAsync()).SessionId);
        Assert.Equal(parties.Callee.UserName, (await calleeStarted.NextAsync()).ByName);
        Assert.Equal(CallManager.RecordingStartedLine, (await calleeMessages.NextAsync(m => m.Text == CallManager.RecordingStartedLine)).Text);
        // Starting asks the senders for a key frame, so each file can start with one.
        await Eventually.TrueAsync(() => Task.FromResult(callerPeer.KeyFrameRequests > keyFramesBefore), "a PLI to the caller");
        await Assert.ThrowsAsync<HubException>(() => parties.CallerHub.InvokeAsync<RecordingStateDto>("CallRecordStart", call.Id.ToString()));

        await Task.WhenAll(
            RecordableMedia.SendAsync(callerPeer, TimeSpan.FromSeconds(2), 0x11),
            RecordableMedia.SendAsync(calleePeer, TimeSpan.FromSeconds(2), 0x22));
        await parties.CallerHub.InvokeAsync<RecordingStateDto>("CallRecordStop", call.Id.ToString());
        Assert.False((await calleeStopped.NextAsync()).Recording);
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());

        var rows = await WaitReadyAsync(started.SessionId);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { call.CallerId, call.CalleeId }.Order(), rows.Select(r => r.UserId).Order());
        foreach (var row in rows)
        {
            Assert.Equal("webm", row.Format);
            Assert.InRange(row.Duration!.Value, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
            Assert.True(row.HasVideo);
            Assert.Equal(new FileInfo(Path.Combine(_server.DataDirectory, "recordings", row.FilePath)).Length, row.SizeBytes);
        }

        var file = rows[0];
        var page = $"/recordings/{started.SessionId}";
        var stream = $"/recordings/files/{file.Id}";
        var download = $"/recordings/files/{file.Id}/download";

        // The parties: listed, the page with both players, the stream and the download.
        foreach (var party in new[] { parties.Caller, parties.Callee })
        {
            Assert.Equal(1, CountItems(await party.Http.GetStringAsync("/recordings"), started.SessionId));
            var html = await party.Http.GetStringAsync(page);
            Assert.Equal(2, Regex.Count(html, "data-testid=\"recording-video\""));
            Assert.Contains("data-testid=\"recording-delete\"", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await party.Http.GetAsync(stream)).StatusCode);
        }

        // A range request answers 206 with exactly those bytes of the file.
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_server.DataDirectory, "recordings", file.FilePath));
        using var ranged = new HttpRequestMessage(HttpMethod.Get, stream);
        ranged.Headers.Range = new RangeHeaderValue(100, 1123);
        var partial = await parties.Caller.Http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 100-1123/{bytes.Length}", partial.Content.Headers.ContentRange!.ToString());
        Assert.Equal(bytes.AsSpan(100, 1024).ToArray(), await partial.Content.ReadAsByteArrayAsync());
        var downloaded = await parties.Callee.Http.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, downloaded.StatusCode);
        Assert.Equal("attachment", downloaded.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(bytes, await downloaded.Content.ReadAsByteArrayAsync());

        // Someone else: not listed, and 404 for the page, the stream, the download and the delete.
        Assert.Equal(0, CountItems(await stranger.Http.GetStringAsync("/recordings"), started.SessionId));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(stream)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(download)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync(page + "?handler=Delete", [], formPage: "/recordings")).StatusCode);

        // An administrator may look, stream and download, but deleting is for the parties.
        var asAdmin = await admin.Http.GetStringAsync(page);
        Assert.Equal(2, Regex.Count(asAdmin, "data-testid=\"recording-video\""));
        Assert.DoesNotContain("data-testid=\"recording-delete\"", asAdmin, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(download)).StatusCode);

        // A party deletes: rows and files are gone, and the page is a 404 for everyone.
        var deleted = await parties.Callee.PostFormAsync(page + "?handler=Delete", [], formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await _server.QueryAsync(db => db.Recordings.Where(r => r.SessionId == started.SessionId).ToListAsync()));
        Assert.False(File.Exists(Path.Combine(_server.DataDirectory, "recordings", file.FilePath)));
        Assert.Equal(HttpStatusCode.NotFound, (await parties.Caller.Http.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parties.Caller.Http.GetAsync(stream)).StatusCode);
    }

    [Fact]
    public async Task The_end_of_a_recorded_call_stops_the_recording_and_tells_both_parties()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var callerStopped = new EventInbox<RecordingStateDto>(parties.CallerHub, "recordingStopped");
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await WaitConnectedAsync(call.Id);
        var started = await parties.CallerHub.InvokeAsync<RecordingStateDto>("CallRecordStart", call.Id.ToString());
        await Task.WhenAll(
            RecordableMedia.SendAsync(callerPeer, TimeSpan.FromSeconds(1), 0x33),
            RecordableMedia.SendAsync(calleePeer, TimeSpan.FromSeconds(1), 0x44));

        await parties.CalleeHub.InvokeAsync("CallHangup", call.Id.ToString());

        Assert.Equal(started.SessionId, (await callerStopped.NextAsync()).SessionId);
        var rows = await WaitReadyAsync(started.SessionId);
        Assert.Equal(2, rows.Count);
        Assert.False(_server.GetRequiredService<CallRecorder>().IsRecording(call.Id));
    }

    [Fact]
    public async Task An_audio_only_call_is_recorded_as_audio_only_files()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync("audio");
        await using var callerPeer = await JoinAudioOnlyAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await JoinAudioOnlyAsync(parties.CalleeHub, call.Id);
        await WaitConnectedAsync(call.Id);
        var started = await parties.CallerHub.InvokeAsync<RecordingStateDto>("CallRecordStart", call.Id.ToString());
        await Task.WhenAll(
            RecordableMedia.SendAsync(callerPeer, TimeSpan.FromSeconds(1), 0x55),
            RecordableMedia.SendAsync(calleePeer, TimeSpan.FromSeconds(1), 0x66));
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());

        var rows = await WaitReadyAsync(started.SessionId);
        Assert.All(rows, r => Assert.False(r.HasVideo));
        Assert.All(rows, r => Assert.InRange(r.Duration!.Value, TimeSpan.FromSeconds(0.7), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Nobody_outside_the_call_can_start_or_stop_its_recording()
    {
        await using var parties = await CallParties.CreateAsync(_server);
        await using var stranger = await WebUser.RegisterAsync(_server);
        await using var strangerHub = await stranger.ConnectAsync();
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await WaitConnectedAsync(call.Id);

        await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<RecordingStateDto>("CallRecordStart", call.Id.ToString()));
        Assert.False(_server.GetRequiredService<CallRecorder>().IsRecording(call.Id));
        await Assert.ThrowsAsync<HubException>(() => parties.CallerHub.InvokeAsync<RecordingStateDto>("CallRecordStop", call.Id.ToString()));
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
    }

    private static async Task<Relay.Media.Client.ClientPeer> JoinAudioOnlyAsync(HubConnection hub, Guid callId)
    {
        var peer = new Relay.Media.Client.ClientPeer(new Relay.Media.Client.ClientPeerOptions { AudioOnly = true });
        var answer = await hub.InvokeAsync<string>("WebrtcOffer", callId.ToString(), peer.CreateOffer());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await peer.ConnectAsync(answer, timeout.Token);
        return peer;
    }

    private static int CountItems(string html, Guid sessionId) =>
        Regex.Count(html, $"data-testid=\"recording-item\" data-session-id=\"{sessionId}\"");

    private async Task WaitConnectedAsync(Guid callId) =>
        await Eventually.TrueAsync(
            () => Task.FromResult(_server.GetRequiredService<CallManager>().LiveCalls().Single(c => c.Id == callId).State == CallState.Connected),
            "the call to connect");

    /// <summary>Waits for the finalise job to settle both files, then requires both ready (a failure says why).</summary>
    private async Task<List<Recording>> WaitReadyAsync(Guid sessionId)
    {
        await Eventually.TrueAsync(
            async () => await _server.QueryAsync(db => db.Recordings.CountAsync(r =>
                r.SessionId == sessionId && (r.Status == RecordingStatus.Ready || r.Status == RecordingStatus.Failed))) == 2,
            "the finalise job to settle both files",
            seconds: 30);
        var rows = await _server.QueryAsync(db => db.Recordings.Where(r => r.SessionId == sessionId).ToListAsync());
        Assert.All(rows, r => Assert.True(r.Status == RecordingStatus.Ready, $"recording {r.Id} is {r.Status}: {r.FailureReason}"));
        return rows;
    }
}
