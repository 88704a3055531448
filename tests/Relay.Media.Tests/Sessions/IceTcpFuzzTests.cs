using System.Buffers.Binary;
using System.Net.Sockets;
using Relay.Media.Sessions;
using Relay.Media.Transport;

namespace Relay.Media.Tests.Sessions;

/// <summary>
/// Malformed ICE-TCP streams from strangers, with a fixed seed: random and mutated frames, raw
/// garbage that desynchronises the framing, bad lengths, all cut at random points. Every
/// connection must end (no hang), nothing may throw out of a connection's loop, and a TCP call
/// on the same relay must go on.
/// </summary>
public sealed class IceTcpFuzzTests
{
    private const int Seed = 6544;
    private const int Connections = 40;

    [Fact]
    public async Task The_relay_survives_malformed_tcp_streams_and_a_tcp_call_goes_on()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session, new() { Transport = MediaTransport.Tcp });
        var (bob, bobLeg) = await harness.JoinAsync(session, new() { Transport = MediaTransport.Tcp });
        var (_, decoyLeg) = harness.Offer(new MediaSession());
        var corpus = await MediaRelayFuzzTests.RealDatagramsAsync(alice, decoyLeg);
        var random = new Random(Seed);
        var tcp = harness.Relay.TcpCounters!;
        var framesBefore = tcp.FramesReceived;

        for (var c = 0; c < Connections; c++)
        {
            var stream = RandomStream(random, corpus);
            using var wire = await TcpWire.ConnectAsync(harness);
            try
            {
                for (var offset = 0; offset < stream.Length;)
                {
                    var chunk = Math.Min(random.Next(1, 300), stream.Length - offset);
                    await wire.Socket.SendAsync(stream.AsMemory(offset, chunk), SocketFlags.None);
                    offset += chunk;
                }

                wire.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The relay closed the connection at a bad length while we were still sending.
            }

            // Whatever the stream held, the relay ends the connection once ours is done.
            await wire.WaitClosedAsync();
        }

        await RelayHarness.WaitUntilAsync(() => harness.Relay.TcpConnectionCount == 2, "every stranger's connection to be gone");
        var closed = 0L;
        foreach (var reason in Enum.GetValues<TcpCloseReason>())
        {
            closed += tcp.Closed(reason);
        }

        Assert.Equal(Connections, closed);
        Assert.True(tcp.Closed(TcpCloseReason.FrameTooLarge) > 0);
        Assert.True(tcp.Closed(TcpCloseReason.RemoteClosed) > 0);
        Assert.True(tcp.FramesReceived - framesBefore > Connections);
        Assert.Equal(0, tcp.HandlerFaults);
        Assert.Equal(LegState.Connected, aliceLeg.State);
        Assert.Equal(LegState.Connected, bobLeg.State);
        Assert.Null(decoyLeg.Transport);

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

    /// <summary>Mostly well-framed junk, so the relay parses deep; sometimes a stray byte run or a bad length breaks the framing.</summary>
    private static byte[] RandomStream(Random random, List<byte[]> corpus)
    {
        var stream = new List<byte>();
        for (var frames = random.Next(5, 60); frames > 0; frames--)
        {
            switch (random.Next(20))
            {
                case 0:
                    // Raw bytes: whatever follows is read at a wrong offset.
                    var garbage = new byte[random.Next(1, 40)];
                    random.NextBytes(garbage);
                    stream.AddRange(garbage);
                    break;
                case 1:
                    var header = new byte[Rfc4571Framer.HeaderSize];
                    BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)random.Next(MediaLeg.MaxPacketSize + 1, ushort.MaxValue + 1));
                    stream.AddRange(header);
                    break;
                default:
                    var packet = random.Next(3) == 0
                        ? MediaRelayFuzzTests.RandomDatagram(random)
                        : MediaRelayFuzzTests.Mutate(corpus[random.Next(corpus.Count)], random);
                    if (packet.Length is > 0 and <= MediaLeg.MaxPacketSize)
                    {
                        stream.AddRange(TcpWire.Frame(packet));
                    }

                    break;
            }
        }

        return [.. stream];
    }
}
