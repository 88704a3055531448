using System.Collections.Concurrent;

namespace Relay.Web.Features.Chat;

/// <summary>
/// Counts each user's open hub connections on this node. A user is online while the count is
/// above zero, so a second tab neither announces nor, on closing, withdraws presence.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);

    /// <returns>True when this is the user's first connection (they just came online).</returns>
    public bool Connected(string userId) => _connections.AddOrUpdate(userId, 1, static (_, n) => n + 1) == 1;

    /// <returns>True when this was the user's last connection (they just went offline).</returns>
    public bool Disconnected(string userId)
    {
        while (_connections.TryGetValue(userId, out var count))
        {
            if (count <= 1)
            {
                if (_connections.TryRemove(new KeyValuePair<string, int>(userId, count)))
                {
                    return true;
                }
            }
            else if (_connections.TryUpdate(userId, count - 1, count))
            {
                return false;
            }
        }

        return false;
    }

    public bool IsOnline(string userId) => _connections.ContainsKey(userId);
}
