using Relay.Media.Client;
using Relay.Media.Dtls;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>A real relay on a loopback port and client peers joined to it; waits poll conditions, never sleep.</summary>
internal sealed class RelayHarness : IAsyncDisposable
{
    /// <summary>Generous: the run shares two cores with other test classes.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly List<ClientPeer> _peers = [];

    public RelayHarness(Action<MediaOptions>? configure = null, IReadOnlyList<DtlsSrtpProfile>? srtpProfiles = null)
    {
        var options = new MediaOptions { UdpPort = 0, TcpPort = 0, AnnounceLoopback = true };
        configure?.Invoke(options);
        foreach (var profile in srtpProfiles ?? [])
        {
            options.SrtpProfiles.Add(profile);
        }

        Relay = MediaRelay.Start(options);
    }

    public MediaRelay Relay { get; }

    /// <summary>Offers, creates the leg, adds it to the session and connects; returns once both ends have keys.</summary>
    public async Task<(ClientPeer Peer, MediaLeg Leg)> JoinAsync(MediaSession session, ClientPeerOptions? options = null)
    {
        var (peer, leg) = Offer(session, options);
        await ConnectAsync(peer, leg);
        return (peer, leg);
    }

    /// <summary>Connects an offered peer; returns once both ends have keys.</summary>
    public static async Task ConnectAsync(ClientPeer peer, MediaLeg leg)
    {
        using var timeout = new CancellationTokenSource(Bound);
        await peer.ConnectAsync(leg.AnswerSdp, timeout.Token);
        await WaitUntilAsync(() => leg.State == LegState.Connected, "the relay's leg to connect");
    }

    /// <summary>Creates the peer and its leg without connecting.</summary>
    public (ClientPeer Peer, MediaLeg Leg) Offer(MediaSession session, ClientPeerOptions? options = null)
    {
        var peer = new ClientPeer(options);
        _peers.Add(peer);
        var leg = Relay.TryCreateLeg(session, peer.CreateOffer(), out var error);
        Assert.True(leg is not null, error);
        session.Add(leg!);
        return (peer, leg!);
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? Bound);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Every test also proves the relay and its peers survived every datagram.</summary>
    public async ValueTask DisposeAsync()
    {
        var peerFaults = 0L;
        foreach (var peer in _peers)
        {
            peerFaults += peer.ReceiveFaults;
            await peer.DisposeAsync();
        }

        var relayFaults = Relay.HandlerFaults;
        await Relay.DisposeAsync();
        Assert.Equal(0, relayFaults);
        Assert.Equal(0, peerFaults);
    }
}
