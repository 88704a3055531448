namespace Relay.Web.Features.Calls;

// What crosses the hub about calls; the browser reads them in camelCase (ARCHITECTURE.md, "Signaling contract").

/// <param name="Type">"audio" or "video".</param>
/// <param name="State">Ringing, Accepted, Connected or Ended.</param>
/// <param name="EndReason">HungUp, Rejected, Missed, Cancelled, Busy, Failed, ServerShutdown or EndedByAdmin; null while live.</param>
public sealed record CallDto(
    Guid Id,
    Guid ConversationId,
    string Type,
    string State,
    string CallerId,
    string CallerName,
    string CalleeId,
    string CalleeName,
    DateTime CreatedAt,
    DateTime? AnsweredAt,
    DateTime? ConnectedAt,
    DateTime? EndedAt,
    string? EndReason);

public sealed record CallEndedDto(CallDto Call, string Reason);

public sealed record CallMediaStateDto(Guid CallId, string UserId, bool AudioEnabled, bool VideoEnabled);
