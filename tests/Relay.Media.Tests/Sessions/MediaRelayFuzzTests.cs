using System.Net;
using System.Net.Sockets;
using Relay.Media.Client;
using Relay.Media.Diagnostics;
using Relay.Media.Rtcp;
using Relay.Media.Sessions;
using Relay.Media.Tests.Dtls;

namespace Relay.Media.Tests.Sessions;

/// <summary>
/// Random and mutated datagrams at the relay port, from a stranger and from a connected peer's
/// own (verified) address: the relay must count or drop every one, never fault or hang, and the
/// call must go on.
/// </summary>
public sealed class MediaRelayFuzzTests
{
    private const int Seed = 20261124;
    private const int Datagrams = 3000;

    /// <summary>Sent between waits for the relay to catch up, so the socket buffer never overflows.</summary>
    private const int Batch = 100;

    [Fact]
    public async Task The_relay_survives_random_and_mutated_datagrams_and_the_call_goes_on()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, bobLeg) = await harness.JoinAsync(session);
        // A genuine check can be replayed from anywhere (ICE's own limit, RFC 8445 §19.2.1), so the
        // stranger mutates a decoy leg's check, and only Alice's socket mutates Alice's.
        var (_, decoyLeg) = harness.Offer(new MediaSession());
        var corpus = await RealDatagramsAsync(alice, decoyLeg);
        var aliceCheck = MediaLegSecurityTests.Check(aliceLeg, aliceLeg.Ice.Local.Password, out _);
        var random = new Random(Seed);
        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        stranger.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var relay = new IPEndPoint(IPAddress.Loopback, harness.Relay.LocalEndPoint.Port);
        var selected = aliceLeg.SelectedAddress;

        var baseline = harness.Relay.Counters.PacketsReceived;
        for (var i = 1; i <= Datagrams; i++)
        {
            var fromAlice = random.Next(2) == 0;
            var datagram = random.Next(4) switch
            {
                0 => RandomDatagram(random),
                1 when fromAlice => Mutate(aliceCheck, random),
                _ => Mutate(corpus[random.Next(corpus.Count)], random),
            };
            if (fromAlice)
            {
                alice.SendRaw(datagram);
            }
            else
            {
                await stranger.SendToAsync(datagram, relay);
            }

            if (i % Batch == 0)
            {
                var sent = i;
                await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.PacketsReceived >= baseline + sent, $"the relay to read {sent} datagrams");
            }
        }

        Assert.Equal(0, harness.Relay.HandlerFaults);
        Assert.Equal(LegState.Connected, aliceLeg.State);
        Assert.Equal(LegState.Connected, bobLeg.State);
        Assert.Same(selected, aliceLeg.SelectedAddress);
        Assert.True(harness.Relay.Counters.Dropped(DropReason.UnverifiedSource) > 0);
        Assert.True(harness.Relay.Counters.Dropped(DropReason.SrtpAuthenticationFailed) > 0);
        Assert.True(harness.Relay.Counters.Dropped(DropReason.StunIntegrityFailed) > 0);

        var atBob = new MediaTraffic(bob);
        var atAlice = new MediaTraffic(alice);
        await Task.WhenAll(
            MediaTraffic.SendAsync(alice, atBob, videoCount: 20, audioCount: 20),
            MediaTraffic.SendAsync(bob, atAlice, videoCount: 20, audioCount: 20));
        await RelayHarness.WaitUntilAsync(
            () => atBob.HasAll(MediaKind.Video, 20) && atAlice.HasAll(MediaKind.Video, 20) && atBob.HasAll(MediaKind.Audio, 20) && atAlice.HasAll(MediaKind.Audio, 20),
            "the call to go on");
        Assert.Equal(0, atBob.Corrupt + atAlice.Corrupt);
    }

    /// <summary>Genuine packets of every protocol on the port: checks, a whole DTLS handshake, SRTP and SRTCP.</summary>
    internal static async Task<List<byte[]>> RealDatagramsAsync(ClientPeer alice, MediaLeg decoyLeg)
    {
        var corpus = new List<byte[]>
        {
            MediaLegSecurityTests.Check(decoyLeg, decoyLeg.Ice.Local.Password, out _),
            MediaLegSecurityTests.Check(decoyLeg, "wrong-password-wrong-password", out _),
        };
        using (var pair = new DtlsTestPair())
        {
            await pair.CompleteAsync();
            corpus.AddRange(pair.ToServer.Carried);
            corpus.AddRange(pair.ToClient.Carried);
        }

        var buffer = new byte[1500];
        for (var i = 0u; i < 8; i++)
        {
            var kind = i % 2 == 0 ? MediaKind.Video : MediaKind.Audio;
            Assert.True(alice.TryWriteRtp(kind, MediaTraffic.Payload(kind, 1000 + i), false, i, buffer, out var length));
            corpus.Add(buffer[..length]);
        }

        var pli = new byte[PliPacket.Size];
        Assert.True(new PliWriter(alice.VideoSsrc, alice.Answer!.SsrcOf(MediaKind.Video)!.Value).TryWriteTo(pli, out _));
        Assert.True(alice.TryWriteRtcp(pli, buffer, out var rtcpLength));
        corpus.Add(buffer[..rtcpLength]);
        return corpus;
    }

    internal static byte[] RandomDatagram(Random random)
    {
        var datagram = new byte[random.Next(0, 1600)];
        random.NextBytes(datagram);
        return datagram;
    }

    /// <summary>Flips bits, overwrites bytes, truncates or extends; always changes at least one byte, so no genuine check binds the stranger.</summary>
    internal static byte[] Mutate(byte[] original, Random random)
    {
        var datagram = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                datagram[random.Next(datagram.Length)] ^= (byte)(1 << random.Next(8));
                return datagram;
            case 1:
                for (var n = random.Next(1, 8); n > 0; n--)
                {
                    datagram[random.Next(datagram.Length)] ^= (byte)random.Next(1, 256);
                }

                return datagram;
            case 2:
                return datagram[..random.Next(datagram.Length)];
            default:
                var longer = new byte[datagram.Length + random.Next(1, 64)];
                datagram.CopyTo(longer, 0);
                random.NextBytes(longer.AsSpan(datagram.Length));
                return longer;
        }
    }
}
