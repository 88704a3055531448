using System.Net;
using System.Net.Sockets;
using System.Text;
using Relay.Media.Client;
using Relay.Media.Diagnostics;
using Relay.Media.Dtls;
using Relay.Media.Sessions;
using Relay.Media.Stun;

namespace Relay.Media.Tests.Sessions;

/// <summary>The fixed security order at the relay (STYLE.md): STUN integrity, DTLS fingerprint, verified source, SRTP authentication.</summary>
public sealed class MediaLegSecurityTests
{
    [Fact]
    public async Task A_certificate_that_does_not_match_the_offered_fingerprint_fails_the_leg()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (peer, leg) = harness.Offer(session, new() { AnnouncedFingerprint = DtlsCertificate.Create("someone-else").Fingerprint });
        using var timeout = new CancellationTokenSource(RelayHarness.Bound);

        await Assert.ThrowsAsync<DtlsHandshakeException>(() => peer.ConnectAsync(leg.AnswerSdp, timeout.Token));

        await RelayHarness.WaitUntilAsync(() => leg.State == LegState.Failed, "the leg to fail");
        Assert.Equal(LegFailure.FingerprintMismatch, leg.Failure);
        Assert.Equal(1, harness.Relay.DtlsCounters.FingerprintMismatches);
        Assert.Equal(1, harness.Relay.Counters.FingerprintMismatches);
        Assert.Equal(0, harness.Relay.LegCount);
        Assert.Empty(session.Legs);
    }

    [Fact]
    public async Task A_check_with_a_bad_message_integrity_gets_no_answer_and_binds_nothing()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (_, leg) = harness.Offer(session);
        var (_, probeLeg) = harness.Offer(new MediaSession());
        using var rogue = RogueSocket();
        var relay = new IPEndPoint(IPAddress.Loopback, harness.Relay.LocalEndPoint.Port);

        var bad = Check(leg, "not-the-password-at-all!", out _);
        await rogue.SendToAsync(bad, relay);
        // Media from the address the bad check came from: it must not have been bound.
        await rogue.SendToAsync(new byte[] { 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xAA }, relay);
        await RelayHarness.WaitUntilAsync(
            () => harness.Relay.Counters.Dropped(DropReason.StunIntegrityFailed) == 1
                && harness.Relay.Counters.Dropped(DropReason.UnverifiedSource) == 1,
            "the check and the media to be dropped");
        Assert.Null(leg.SelectedAddress);

        // One socket, one relay thread: had the bad check been answered, that answer would come first.
        var probe = Check(probeLeg, probeLeg.Ice.Local.Password, out var probeTransaction);
        await rogue.SendToAsync(probe, relay);
        var buffer = new byte[1500];
        using var timeout = new CancellationTokenSource(RelayHarness.Bound);
        var received = await rogue.ReceiveAsync(buffer, timeout.Token);
        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, received), out var response));
        Assert.Equal(StunClass.SuccessResponse, response.Class);
        Assert.True(response.TransactionId.SequenceEqual(probeTransaction));
        Assert.Null(leg.SelectedAddress);
    }

    [Fact]
    public async Task Datagrams_from_an_unverified_address_are_dropped_and_the_call_goes_on()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        var selected = aliceLeg.SelectedAddress;
        using var rogue = RogueSocket();
        var relay = new IPEndPoint(IPAddress.Loopback, harness.Relay.LocalEndPoint.Port);

        // A genuine SRTP packet of Alice's, replayed from elsewhere, and a DTLS record.
        var stolen = new byte[1500];
        Assert.True(alice.TryWriteRtp(MediaKind.Video, MediaTraffic.Payload(MediaKind.Video, 999), false, 0, stolen, out var length));
        await rogue.SendToAsync(stolen.AsMemory(0, length), relay);
        await rogue.SendToAsync(new byte[] { 22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0, 1, 0xFF }, relay);

        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.UnverifiedSource) == 2, "both datagrams to be dropped");
        Assert.Equal(0, bob.ReceivedPackets(MediaKind.Video));
        Assert.Same(selected, aliceLeg.SelectedAddress);
        await MediaTraffic.SendAsync(alice, atBob, videoCount: 20, audioCount: 20);
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 20) && atBob.HasAll(MediaKind.Audio, 20), "the call to go on");
        Assert.Equal(0, atBob.Corrupt);
    }

    [Fact]
    public async Task A_valid_check_for_another_leg_cannot_take_over_a_live_legs_address()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        var selected = aliceLeg.SelectedAddress;
        // Mallory holds a leg of her own and sends its genuine check from Alice's address (spoofed here by Alice's socket).
        var (_, malloryLeg) = harness.Offer(new MediaSession());

        alice.SendRaw(Check(malloryLeg, malloryLeg.Ice.Local.Password, out _));

        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.StunAddressInUse) == 1, "the check to be refused");
        Assert.Null(malloryLeg.SelectedAddress);
        Assert.Same(selected, aliceLeg.SelectedAddress);
        await MediaTraffic.SendAsync(alice, atBob, videoCount: 10, audioCount: 10);
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 10) && atBob.HasAll(MediaKind.Audio, 10), "Alice's media at Bob");
    }

    [Fact]
    public async Task An_address_whose_leg_ended_can_be_verified_by_a_new_leg()
    {
        await using var harness = new RelayHarness();
        var (peer, oldLeg) = await harness.JoinAsync(new MediaSession());
        var (_, newLeg) = harness.Offer(new MediaSession());
        oldLeg.Close();

        // The same browser port, reused by a new PeerConnection.
        peer.SendRaw(Check(newLeg, newLeg.Ice.Local.Password, out _));

        await RelayHarness.WaitUntilAsync(() => newLeg.SelectedAddress is not null, "the new leg to bind the address");
        Assert.Equal(0, harness.Relay.Counters.Dropped(DropReason.StunAddressInUse));
    }

    [Fact]
    public async Task The_same_browser_renegotiating_into_a_new_leg_takes_its_address_along()
    {
        await using var harness = new RelayHarness();
        var (peer, oldLeg) = await harness.JoinAsync(new MediaSession());
        // A new offer from the same PeerConnection: same certificate, new ICE credentials.
        var (_, newLeg) = harness.Offer(new MediaSession(), new() { Certificate = peer.Certificate });

        peer.SendRaw(Check(newLeg, newLeg.Ice.Local.Password, out _));

        await RelayHarness.WaitUntilAsync(() => newLeg.SelectedAddress is not null, "the new leg to bind the address");
        Assert.Equal(0, harness.Relay.Counters.Dropped(DropReason.StunAddressInUse));
        Assert.Equal(LegState.Connected, oldLeg.State);
    }

    private static Socket RogueSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>A nominating check as the leg's browser would send it, keyed with <paramref name="password"/>.</summary>
    internal static byte[] Check(MediaLeg leg, string password, out byte[] transactionId)
    {
        transactionId = new byte[StunTransactionId.Length];
        StunTransactionId.Generate(transactionId);
        var buffer = new byte[256];
        var request = new StunBindingRequest(transactionId)
        {
            Username = Encoding.ASCII.GetBytes(leg.Ice.Local.Ufrag + ":" + leg.Ice.RemoteUfrag),
            IntegrityKey = Encoding.UTF8.GetBytes(password),
            Priority = 2130706431,
            IceControlling = 42,
            UseCandidate = true,
        };
        Assert.True(request.TryWriteTo(buffer, out var written));
        return buffer[..written];
    }
}
