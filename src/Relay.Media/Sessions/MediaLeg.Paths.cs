using System.Net;
using Relay.Media.Transport;

namespace Relay.Media.Sessions;

// The verified paths to the browser (UDP addresses, ICE-TCP connections) and which one media uses.
public sealed partial class MediaLeg
{
    /// <summary>
    /// A UDP path without a verified check for this long no longer outranks a nominated TCP one.
    /// Chromium checks its selected pair every 2.5 s once stable and gives a pair up after about
    /// 5 s without answers, so a live UDP path is never this quiet.
    /// </summary>
    private const long UdpPathStaleAfterMilliseconds = 5000;

    /// <summary>
    /// Binds a verified address; the first one, or a nominated one, becomes the selected address.
    /// Returns the leg's own copy when the address is new (the caller maps it to this leg), else
    /// null. <paramref name="remote"/> is the receive loop's reused buffer, never kept.
    /// </summary>
    internal SocketAddress? AddVerifiedAddress(SocketAddress remote, bool nominated)
    {
        lock (_gate)
        {
            if (State is LegState.Failed or LegState.Closed)
            {
                return null;
            }

            SocketAddress? added = null;
            MediaPath? stored = null;
            // A loop, not List.Find with a lambda: capturing `remote` allocates a closure on every
            // consent check of every leg, the relay's last steady-state allocation.
            foreach (var path in _paths)
            {
                if (path.Transport == MediaTransport.Udp && path.RemoteAddress.Equals(remote))
                {
                    stored = path;
                    break;
                }
            }

            if (stored is null)
            {
                added = new SocketAddress(remote.Family, remote.Size);
                remote.Buffer.Span.CopyTo(added.Buffer.Span);
                stored = _relay.CreateUdpPath(added);
                _paths.Add(stored);
            }

            Select(stored, nominated);
            return added;
        }
    }

    /// <summary>
    /// Binds an ICE-TCP connection a verified check arrived on, with the same selection rule as an
    /// address. True when the leg holds it (new or known); false when the leg has ended.
    /// </summary>
    internal bool AddVerifiedConnection(IceTcpConnection connection, bool nominated)
    {
        lock (_gate)
        {
            if (State is LegState.Failed or LegState.Closed)
            {
                return false;
            }

            if (!_paths.Contains(connection))
            {
                _paths.Add(connection);
            }

            Select(connection, nominated);
            return true;
        }
    }

    /// <summary>
    /// Forgets a path that can no longer carry anything (a closed connection). If it was the
    /// selected one, media moves to the most recently verified remaining path, or stops until a
    /// verified check brings one (a browser reconnects over TCP from a new port).
    /// </summary>
    internal void RemovePath(MediaPath path)
    {
        lock (_gate)
        {
            if (!_paths.Remove(path) || _selected != path)
            {
                return;
            }

            MediaPath? latest = null;
            foreach (var remaining in _paths)
            {
                if (latest is null || remaining.LastVerified > latest.LastVerified)
                {
                    latest = remaining;
                }
            }

            Volatile.Write(ref _selected, latest);
        }
    }

    /// <summary>
    /// Under the lock. The first verified path carries media until the browser nominates one
    /// (USE-CANDIDATE). Chromium nominates aggressively against an ICE-lite agent (its checks on
    /// every pair carry USE-CANDIDATE, MEDIA-NOTES.md), and of several nominated pairs the one of
    /// highest priority is used (RFC 5245 §8.1.1): a UDP pair outranks a TCP pair (the answer
    /// ranks TCP lower, and so does the browser), so a nominated TCP path takes over only from a
    /// UDP path that has gone quiet. Between paths of one transport the latest nomination wins.
    /// </summary>
    private void Select(MediaPath path, bool nominated)
    {
        var now = Environment.TickCount64;
        path.LastVerified = now;
        var selected = _selected;
        if (selected is null)
        {
            Volatile.Write(ref _selected, path);
            return;
        }

        if (!nominated || selected == path)
        {
            return;
        }

        var outranked = path.Transport == MediaTransport.Tcp && selected.Transport == MediaTransport.Udp
            && now - selected.LastVerified <= UdpPathStaleAfterMilliseconds;
        if (!outranked)
        {
            Volatile.Write(ref _selected, path);
        }
    }
}
