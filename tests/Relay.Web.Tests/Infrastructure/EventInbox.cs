using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace Relay.Web.Tests.Infrastructure;

/// <summary>Collects one hub event's payloads so a test can wait for the next one with a deadline.</summary>
public sealed class EventInbox<T>
{
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>();

    public EventInbox(HubConnection connection, string eventName) =>
        connection.On<T>(eventName, item => _items.Writer.TryWrite(item));

    public async Task<T> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _items.Reader.ReadAsync(cts.Token);
    }

    /// <summary>The next payload that matches, skipping others (presence of unrelated users, say).</summary>
    public async Task<T> NextAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var item = await _items.Reader.ReadAsync(cts.Token);
            if (match(item))
            {
                return item;
            }
        }
    }

    /// <summary>True if nothing arrives within the window: for "this user must not hear about it".</summary>
    public async Task<bool> StaysEmptyAsync(TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        try
        {
            await _items.Reader.WaitToReadAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
