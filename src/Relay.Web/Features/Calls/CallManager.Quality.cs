using Relay.Data.Entities;
using Relay.Media.Sessions;

namespace Relay.Web.Features.Calls;

/// <summary>A connected call's parties with their tabs and current legs, for the quality monitor.</summary>
/// <param name="CallerConnection">The caller's tab that carries the call; null while it is lost.</param>
/// <param name="CalleeConnection">The callee's tab that accepted it; null while it is lost.</param>
public sealed record CallLegs(Guid CallId, string CallerId, string? CallerConnection, MediaLeg? CallerLeg, string CalleeId, string? CalleeConnection, MediaLeg? CalleeLeg);

public sealed partial class CallManager
{
    /// <summary>Every connected call of this node with its parties' current legs.</summary>
    public IReadOnlyList<CallLegs> ConnectedCallLegs()
    {
        var connected = new List<CallLegs>();
        foreach (var (_, call) in _calls)
        {
            lock (call.Gate)
            {
                var r = call.Record;
                if (r.State != CallState.Connected)
                {
                    continue;
                }

                connected.Add(new CallLegs(
                    r.Id,
                    r.CallerId,
                    call.CallerConnection,
                    call.Legs.GetValueOrDefault(r.CallerId),
                    r.CalleeId,
                    call.CalleeConnection,
                    call.Legs.GetValueOrDefault(r.CalleeId)));
            }
        }

        return connected;
    }
}
