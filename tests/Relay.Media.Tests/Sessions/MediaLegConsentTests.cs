using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>Consent freshness (RFC 7675): a leg lives while its browser's checks keep coming.</summary>
public sealed class MediaLegConsentTests
{
    private static readonly TimeSpan ConsentTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_leg_whose_peer_stops_consent_checks_fails_and_is_removed()
    {
        await using var harness = new RelayHarness(o => o.ConsentTimeout = ConsentTimeout);
        var session = new MediaSession();
        var (peer, leg) = await harness.JoinAsync(session);
        var ended = new TaskCompletionSource<MediaLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.LegEndedEvent += l => ended.TrySetResult(l);

        peer.StopConsentChecks();

        Assert.Same(leg, await ended.Task.WaitAsync(RelayHarness.Bound));
        Assert.Equal(LegState.Failed, leg.State);
        Assert.Equal(LegFailure.ConsentExpired, leg.Failure);
        Assert.Equal(0, harness.Relay.LegCount);
        Assert.Empty(session.Legs);
        Assert.Equal(1, harness.Relay.Counters.LegsFailed);
    }

    [Fact]
    public async Task A_leg_that_never_connects_fails_with_connect_timeout()
    {
        await using var harness = new RelayHarness(o => o.DtlsHandshakeTimeout = TimeSpan.FromSeconds(1));
        var session = new MediaSession();
        var (_, leg) = harness.Offer(session);

        await RelayHarness.WaitUntilAsync(() => leg.State == LegState.Failed, "the leg to fail");

        Assert.Equal(LegFailure.ConnectTimeout, leg.Failure);
        Assert.Equal(0, harness.Relay.LegCount);
        Assert.Empty(session.Legs);
    }

    [Fact]
    public async Task A_leg_whose_peer_keeps_checking_outlives_the_consent_timeout()
    {
        await using var harness = new RelayHarness(o => o.ConsentTimeout = ConsentTimeout);
        // Checks every 250 ms leave a wide margin under the 2 s timeout on a loaded machine.
        var (peer, leg) = await harness.JoinAsync(new MediaSession(), new() { ConsentInterval = TimeSpan.FromMilliseconds(250) });

        // Past the 2 s timeout, and at least two runs of the relay's once-a-second check.
        await RelayHarness.WaitUntilAsync(() => peer.ConsentResponses >= 14, "3.5 s of answered consent checks");

        Assert.Equal(LegState.Connected, leg.State);
        Assert.Equal(1, harness.Relay.LegCount);
    }
}
