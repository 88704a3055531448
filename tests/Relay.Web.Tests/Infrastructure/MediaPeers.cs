using Microsoft.AspNetCore.SignalR.Client;
using Relay.Media.Client;
using Relay.Media.Rtcp;
using Relay.Media.Sessions;

namespace Relay.Web.Tests.Infrastructure;

/// <summary>The client-role peer standing in for a party's browser in hub-driven calls.</summary>
public static class MediaPeers
{
    /// <summary>Offers through the hub for this party and connects the peer to the relay's answer.</summary>
    public static async Task<ClientPeer> JoinAsync(HubConnection hub, Guid callId, ClientPeerOptions? options = null)
    {
        var peer = new ClientPeer(options);
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

    /// <summary>
    /// The RTCP a browser pair exchanges about the caller's video: the caller's sender report,
    /// relayed to the callee, and the callee's receiver report echoing it, which gives the relay
    /// a round trip. The client peer sends no reports of its own, so the test plays that part.
    /// </summary>
    public static async Task ExchangeReportsAsync(ClientPeer caller, ClientPeer callee)
    {
        var buffer = new byte[64];
        Assert.True(new SenderReportWriter(caller.VideoSsrc, NtpTimestamp.FromDateTime(DateTime.UtcNow), 0, 1, 900, []).TryWriteTo(buffer, out var written));
        Assert.True(caller.SendRtcp(buffer.AsSpan(0, written)));
        await Eventually.TrueAsync(() => Task.FromResult(callee.LastSenderReport is not null), "the callee to receive the relayed sender report");
        var relayed = callee.LastSenderReport!;
        var block = new ReportBlock(relayed.Ssrc, 0, 0, 0, 0, relayed.NtpTimestamp.Middle32, 0);
        Assert.True(new ReceiverReportWriter(callee.VideoSsrc, [block]).TryWriteTo(buffer, out written));
        Assert.True(callee.SendRtcp(buffer.AsSpan(0, written)));
    }

    /// <summary>
    /// Sends media in real time until cancelled: the caller's video at 30 frames a second, the
    /// callee's audio every 20 ms, timestamps taken from the clock so that jitter measures the
    /// path, not the test's pacing.
    /// </summary>
    public static async Task StreamAsync(ClientPeer caller, ClientPeer callee, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var video = new byte[900];
        var audio = new byte[80];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var ms = clock.Elapsed.TotalMilliseconds;
                caller.SendRtp(MediaKind.Video, video, marker: true, timestamp: (uint)(ms * 90));
                callee.SendRtp(MediaKind.Audio, audio, marker: false, timestamp: (uint)(ms * 48));
                await Task.Delay(20, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
