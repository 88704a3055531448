using Relay.Data.Entities;
using Relay.Media.Sessions;

namespace Relay.Web.Features.Calls;

/// <summary>
/// A call that has not ended: its parties, which of their connections carry it, and its media
/// session. Fields change only under <see cref="Gate"/>; <see cref="CallManager"/> owns it.
/// </summary>
internal sealed class ActiveCall(CallRecord record, string callerName, string calleeName, string callerConnection)
{
    public Lock Gate { get; } = new();

    public CallRecord Record { get; } = record;

    public Guid Id => Record.Id;

    public string CallerName { get; } = callerName;

    public string CalleeName { get; } = calleeName;

    /// <summary>
    /// The tab that placed the call: the only one of the caller's that may send its SDP. Null while
    /// that tab's connection is lost and the call waits for it (<see cref="ReturnDeadlines"/>).
    /// </summary>
    public string? CallerConnection { get; set; } = callerConnection;

    /// <summary>The tab that accepted: the only one of the callee's that may send its SDP; null as for the caller.</summary>
    public string? CalleeConnection { get; set; }

    public MediaSession Media { get; } = new();

    /// <summary>Each party's current leg (a new offer replaces it).</summary>
    public Dictionary<string, MediaLeg> Legs { get; } = new(StringComparer.Ordinal);

    public ITimer? Timer { get; set; }

    /// <summary>
    /// Parties of a connected call whose tab or media dropped, each with the timer that ends the
    /// call unless they are back (a tab again, and a connected leg) before it fires.
    /// </summary>
    public Dictionary<string, ITimer> ReturnDeadlines { get; } = new(StringComparer.Ordinal);

    public bool IsParty(string userId) => userId == Record.CallerId || userId == Record.CalleeId;

    public string OtherParty(string userId) => userId == Record.CallerId ? Record.CalleeId : Record.CallerId;

    public string? ConnectionOf(string userId) => userId == Record.CallerId ? CallerConnection : CalleeConnection;

    public void SetConnection(string userId, string? connectionId)
    {
        if (userId == Record.CallerId)
        {
            CallerConnection = connectionId;
        }
        else
        {
            CalleeConnection = connectionId;
        }
    }

    public CallDto ToDto() => new(
        Record.Id,
        Record.ConversationId,
        Record.Type == CallType.Video ? "video" : "audio",
        Record.State.ToString(),
        Record.CallerId,
        CallerName,
        Record.CalleeId,
        CalleeName,
        Record.CreatedAt,
        Record.AnsweredAt,
        Record.ConnectedAt,
        Record.EndedAt,
        Record.EndReason?.ToString());
}
