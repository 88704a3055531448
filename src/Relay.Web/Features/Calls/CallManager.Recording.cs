using Relay.Data;
using Relay.Data.Entities;
using Relay.Media.Sessions;
using Relay.Web.Features.Chat;
using Relay.Web.Features.Recordings;

namespace Relay.Web.Features.Calls;

// Recording control and consent: either party starts or stops it (unless Recording:Mode decides),
// and both always hear of it — an event for the indicator and a line in the conversation.
public sealed partial class CallManager
{
    public const string RecordingStartedLine = "Recording started";
    public const string RecordingStoppedLine = "Recording stopped";

    public async Task<RecordingStateDto> StartRecordingAsync(string userId, string? callId)
    {
        var call = Find(userId, callId);
        if (recorder.Mode == RecordingMode.Forbidden)
        {
            throw new ChatRuleException("Recording is turned off on this server.");
        }

        return await StartRecordingAsync(call, userId == call.Record.CallerId ? call.CallerName : call.CalleeName, userId)
            ?? throw new ChatRuleException("This call is already being recorded.");
    }

    public async Task<RecordingStateDto> StopRecordingAsync(string userId, string? callId)
    {
        var call = Find(userId, callId);
        if (recorder.Mode == RecordingMode.Always)
        {
            throw new ChatRuleException("Every call is recorded on this server.");
        }

        var name = userId == call.Record.CallerId ? call.CallerName : call.CalleeName;
        return await StopRecordingAsync(call, name, userId) ?? throw new ChatRuleException("This call is not being recorded.");
    }

    /// <returns>Null when it was already recording.</returns>
    private async Task<RecordingStateDto?> StartRecordingAsync(ActiveCall call, string byName, string bySenderId)
    {
        (string, MediaLeg)[] parties;
        lock (call.Gate)
        {
            if (call.Record.State != CallState.Connected
                || !call.Legs.TryGetValue(call.Record.CallerId, out var callerLeg)
                || !call.Legs.TryGetValue(call.Record.CalleeId, out var calleeLeg))
            {
                throw new ChatRuleException("Recording starts once the call is connected.");
            }

            parties = [(call.Record.CallerId, callerLeg), (call.Record.CalleeId, calleeLeg)];
        }

        if (await recorder.StartAsync(call.Id, bySenderId, parties) is not { } sessionId)
        {
            return null;
        }

        var state = new RecordingStateDto(call.Id, sessionId, Recording: true, byName, CanStop: recorder.Mode != RecordingMode.Always);
        await hub.Clients.Users([call.Record.CallerId, call.Record.CalleeId]).recordingStarted(state);
        await PostRecordingLineAsync(call, bySenderId, RecordingStartedLine);
        return state;
    }

    private async Task<RecordingStateDto?> StopRecordingAsync(ActiveCall call, string byName, string bySenderId)
    {
        if (await recorder.StopAsync(call.Id) is not { } sessionId)
        {
            return null;
        }

        var state = new RecordingStateDto(call.Id, sessionId, Recording: false, byName, CanStop: false);
        await hub.Clients.Users([call.Record.CallerId, call.Record.CalleeId]).recordingStopped(state);
        await PostRecordingLineAsync(call, bySenderId, RecordingStoppedLine);
        return state;
    }

    /// <summary>Recording:Mode = Always: a call is recorded from the moment it connects.</summary>
    private async Task RecordFromConnectAsync(ActiveCall call)
    {
        if (recorder.Mode != RecordingMode.Always)
        {
            return;
        }

        try
        {
            await StartRecordingAsync(call, "", call.Record.CallerId);
        }
#pragma warning disable CA1031 // Runs from the media thread's connect event: a failure is logged, the call goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRecordingFailed(logger, call.Id, ex);
        }
    }

    /// <summary>At the call's end the files close and the finalise job is queued; the parties hear it stopped.</summary>
    private async Task StopRecordingAtEndAsync(ActiveCall call)
    {
        if (recorder.IsRecording(call.Id))
        {
            await StopRecordingAsync(call, "", call.Record.CallerId);
        }
    }

    private async Task PostRecordingLineAsync(ActiveCall call, string senderId, string text)
    {
        var record = call.Record;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelayDbContext>();
        var message = new Message
        {
            ConversationId = record.ConversationId,
            SenderId = senderId,
            Kind = MessageKind.Call,
            CallId = record.Id,
            Text = text,
            SentAt = Now,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        var sender = senderId == record.CallerId ? call.CallerName : call.CalleeName;
        var dto = new MessageDto(message.Id, message.ConversationId, message.SenderId, sender, message.Text, message.SentAt, MessageKind.Call);
        await hub.Clients.Users([record.CallerId, record.CalleeId]).messageReceived(dto);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: recording could not start")]
    private static partial void LogRecordingFailed(ILogger logger, Guid callId, Exception exception);
}
