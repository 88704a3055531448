using Microsoft.AspNetCore.SignalR.Client;
using Relay.Media.Client;
using Relay.Media.Sessions;

namespace Relay.Web.Tests.Infrastructure;

/// <summary>The client-role peer standing in for a party's browser in hub-driven calls.</summary>
public static class MediaPeers
{
    /// <summary>Offers through the hub for this party and connects the peer to the relay's answer.</summary>
    public static async Task<ClientPeer> JoinAsync(HubConnection hub, Guid callId)
    {
        var peer = new ClientPeer();
        var answer = await hub.InvokeAsync<string>("WebrtcOffer", callId.ToString(), peer.CreateOffer());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await peer.ConnectAsync(answer, timeout.Token);
        return peer;
    }

    /// <summary>Sends media both ways and waits until each side has received all of it.</summary>
    public static async Task ExchangeMediaAsync(ClientPeer caller, ClientPeer callee, int packets)
    {
        for (var i = 0; i < packets; i++)
        {
            caller.SendRtp(MediaKind.Video, new byte[900], marker: i % 5 == 4, timestamp: (uint)(i * 3000));
            callee.SendRtp(MediaKind.Audio, new byte[80], marker: false, timestamp: (uint)(i * 960));
        }

        await Eventually.TrueAsync(() => Task.FromResult(callee.ReceivedPackets(MediaKind.Video) >= packets), "the callee to receive the caller's video");
        await Eventually.TrueAsync(() => Task.FromResult(caller.ReceivedPackets(MediaKind.Audio) >= packets), "the caller to receive the callee's audio");
    }
}
