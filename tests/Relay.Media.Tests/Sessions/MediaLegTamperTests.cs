using Relay.Media.Diagnostics;
using Relay.Media.Rtcp;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>Packets from the verified address that fail SRTP/SRTCP authentication change nothing (RFC 3711 §3.3, §3.4).</summary>
public sealed class MediaLegTamperTests
{
    [Fact]
    public async Task Tampered_srtp_is_dropped_without_moving_the_leg_and_the_genuine_packet_still_passes()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        var selected = aliceLeg.SelectedAddress;
        var packet = new byte[1500];
        Assert.True(alice.TryWriteRtp(MediaKind.Video, MediaTraffic.Payload(MediaKind.Video, 0), false, 0, packet, out var length));
        var tampered = packet[..length];
        tampered[length / 2] ^= 0x01;

        alice.SendRaw(tampered);

        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.SrtpAuthenticationFailed) == 1, "the tampered packet to be dropped");
        Assert.Same(selected, aliceLeg.SelectedAddress);
        Assert.Equal(0, bob.ReceivedPackets(MediaKind.Video));

        // The failed packet committed nothing to the replay window: the genuine one with the same index is accepted.
        alice.SendRaw(packet.AsSpan(0, length));
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 1), "the genuine packet");
        Assert.Equal(0, atBob.Corrupt);

        // And a second copy is a replay.
        alice.SendRaw(packet.AsSpan(0, length));
        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.SrtpReplay) == 1, "the replay to be dropped");
        Assert.Equal(1, bob.ReceivedPackets(MediaKind.Video));
    }

    [Fact]
    public async Task Tampered_srtcp_is_dropped_and_its_pli_never_reaches_the_sender()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        // The relay's track to Bob gets its source once Alice's video flows.
        await MediaTraffic.SendAsync(alice, atBob, videoCount: 1, audioCount: 0);
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 1), "Alice's video at Bob");
        var before = alice.KeyFrameRequests;
        Span<byte> pli = stackalloc byte[PliPacket.Size];
        Assert.True(new PliWriter(bob.VideoSsrc, bob.Answer!.SsrcOf(MediaKind.Video)!.Value).TryWriteTo(pli, out _));
        var packet = new byte[1500];
        Assert.True(bob.TryWriteRtcp(pli, packet, out var length));

        // Flip a bit of the encrypted body (past the plaintext header and sender SSRC).
        packet[9] ^= 0x80;
        bob.SendRaw(packet.AsSpan(0, length));

        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.SrtpAuthenticationFailed) == 1, "the tampered SRTCP to be dropped");
        Assert.Equal(before, alice.KeyFrameRequests);
    }

    [Fact]
    public async Task A_datagram_over_1500_bytes_is_dropped_as_oversize()
    {
        await using var harness = new RelayHarness();
        var (peer, leg) = await harness.JoinAsync(new MediaSession(echo: true));
        var datagram = new byte[1600];
        datagram[0] = 0x80;
        datagram[1] = 96;

        peer.SendRaw(datagram);

        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.Oversize) == 1, "the oversize datagram to be dropped");
        Assert.Equal(LegState.Connected, leg.State);
    }
}
