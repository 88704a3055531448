using System.Net;
using Relay.Media.Transport;

namespace Relay.Media.Sessions;

// The verified paths to the browser (UDP addresses, ICE-TCP connections) and which one media uses.
public sealed partial class MediaLeg
{
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

            Volatile.Write(ref _selected, _paths.Count > 0 ? _paths[^1] : null);
        }
    }

    /// <summary>Under the lock: the first path, or a nominated one (the browser's choice, RFC 8445 §8.1.1), carries media.</summary>
    private void Select(MediaPath path, bool nominated)
    {
        if (nominated || _selected is null)
        {
            Volatile.Write(ref _selected, path);
        }
    }
}
