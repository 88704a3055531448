using System.Collections.Concurrent;
using Relay.Media.Sessions;

namespace Relay.Web.Features.Calls;

/// <summary>
/// The pre-call device check: one leg whose media the relay sends straight back. At most one
/// echo test per hub connection; it ends when the page stops it, starts another, or goes away.
/// </summary>
public sealed class EchoTests(MediaRelayHost host)
{
    private readonly ConcurrentDictionary<string, MediaSession> _byConnection = new(StringComparer.Ordinal);

    /// <returns>The relay's answer SDP.</returns>
    public string Start(string connectionId, string? offerSdp)
    {
        Stop(connectionId);
        var session = new MediaSession(echo: true);
        var leg = host.CreateLeg(session, offerSdp);
        session.Add(leg);
        session.LegEndedEvent += _ => _byConnection.TryRemove(new KeyValuePair<string, MediaSession>(connectionId, session));
        _byConnection[connectionId] = session;
        return leg.AnswerSdp;
    }

    public void Stop(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var session))
        {
            session.Close();
        }
    }
}
