using System.Diagnostics;
using Relay.Media.Client;
using Relay.Media.Congestion;
using Relay.Media.Rtcp;
using Relay.Media.Sessions;
using Xunit.Abstractions;

namespace Relay.Media.Tests.Sessions;

/// <summary>
/// Bandwidth feedback through a real relay: transport-cc to the sending peer about the packets
/// it sent, and REMB caps derived from what the receiving peer reports about the relay's packets.
/// </summary>
public sealed class MediaSessionBandwidthTests(ITestOutputHelper output)
{
    /// <summary>Transport-cc statuses a peer received, by transport-wide sequence number.</summary>
    private sealed class FeedbackLog
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<ushort, long?> _statuses = [];

        public FeedbackLog(ClientPeer peer) => peer.TransportFeedbackReceived += OnFeedback;

        public bool Covers(ushort first, int count)
        {
            lock (_gate)
            {
                for (var i = 0; i < count; i++)
                {
                    if (!_statuses.ContainsKey((ushort)(first + i)))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        public long? ArrivalOf(ushort sequence)
        {
            lock (_gate)
            {
                return _statuses[sequence];
            }
        }

        private void OnFeedback(in TransportCcPacket feedback)
        {
            lock (_gate)
            {
                foreach (var status in feedback)
                {
                    // A number reported lost may be reported received later; received wins.
                    if (status.Received || !_statuses.ContainsKey(status.SequenceNumber))
                    {
                        _statuses[status.SequenceNumber] = status.Received ? status.ArrivalMicroseconds : null;
                    }
                }
            }
        }
    }

    [Fact]
    public async Task A_sender_gets_transport_cc_feedback_covering_every_packet_it_sent_with_plausible_arrival_times()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        var log = new FeedbackLog(alice);
        var atBob = new MediaTraffic(bob);
        const int count = 100;
        var sentAt = new long[count];

        // 100 video packets, one every few milliseconds; the first one through Bob before the rest,
        // so the relay's arrival of it has a known latest time.
        long firstHeard = 0;
        for (var i = 0u; i < count; i++)
        {
            sentAt[i] = Stopwatch.GetTimestamp();
            Assert.True(alice.SendRtp(MediaKind.Video, MediaTraffic.Payload(MediaKind.Video, i), marker: i % 10 == 9, timestamp: i / 10 * 3000));
            if (i == 0)
            {
                await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 1), "the first packet at Bob");
                firstHeard = Stopwatch.GetTimestamp();
            }

            await Task.Delay(3);
        }

        Assert.Equal(count, alice.TransportSequencesUsed);
        // Feedback goes out when a packet arrives 50 ms after the last one: audio keeps arriving
        // until the video's numbers are all covered, as it would in a call.
        var audio = 0u;
        await RelayHarness.WaitUntilAsync(
            () =>
            {
                alice.SendRtp(MediaKind.Audio, MediaTraffic.Payload(MediaKind.Audio, audio), marker: false, timestamp: audio++ * 960);
                return log.Covers(ClientPeer.FirstTransportSequence, count);
            },
            "feedback about all 100 video packets");

        var first = log.ArrivalOf(ClientPeer.FirstTransportSequence);
        Assert.NotNull(first);
        var previous = first.Value;
        for (var i = 1; i < count; i++)
        {
            // Every packet arrived (loopback loses nothing here) and arrivals keep order.
            var arrival = log.ArrivalOf((ushort)(ClientPeer.FirstTransportSequence + i));
            Assert.NotNull(arrival);
            Assert.True(arrival.Value >= previous - 250, $"packet {i} arrived before packet {i - 1}");
            previous = arrival.Value;
        }

        // The relay's clock saw the packets spread as they were sent: the first arrived before Bob
        // had it, the last after it was sent; each arrival is rounded to a 250 µs tick. Arrivals are
        // stamped when the relay's thread reads the packet, which a busy machine can delay.
        var sentSpan = Stopwatch.GetElapsedTime(sentAt[0], sentAt[count - 1]).TotalMicroseconds;
        var shortestSpan = Stopwatch.GetElapsedTime(firstHeard, sentAt[count - 1]).TotalMicroseconds - (2 * 250);
        var arrivalSpan = previous - first.Value;
        Assert.InRange(arrivalSpan, shortestSpan, sentSpan + 1_000_000);
        Assert.True(aliceLeg.TransportFeedbackSent > 0);
        Assert.Equal(harness.Relay.Counters.TransportFeedbackSent, aliceLeg.TransportFeedbackSent);
        Assert.True(atBob.HasAll(MediaKind.Video, count));
    }

    [Fact]
    public async Task When_the_receiver_reports_loss_the_senders_remb_cap_drops_and_recovers_when_it_stops()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        // Bob does not NACK what he throws away: the relay's resends would add a quarter to what it
        // sends him, and the cap follows the rate sent, so the figure below would measure recovery.
        var (bob, bobLeg) = await harness.JoinAsync(session, new ClientPeerOptions { LossRecovery = false });
        using var sending = new CancellationTokenSource();
        var sender = SendVideoAsync(alice, sending.Token);

        try
        {
            // Clean: Bob's feedback about the relay's packets shows no limit, so Alice hears no REMB.
            await RelayHarness.WaitUntilAsync(() => bobLeg.BitrateCap > 0, "a first estimate for Bob", TimeSpan.FromSeconds(20));
            Assert.Equal(LossBasedBitrateEstimator.MaxBitrate, bobLeg.BitrateCap);
            Assert.True(harness.Relay.Counters.TransportFeedbackReceived > 0);
            Assert.Equal(0, alice.RembsReceived);

            // One in four of the relay's packets to Bob is lost: his feedback says so, and Alice's
            // cap falls below what she sends (about 0.7–0.9 Mbit/s here).
            bob.ReceiveLossEvery = 4;
            await RelayHarness.WaitUntilAsync(() => alice.LastRemb is not null, "a REMB to Alice", TimeSpan.FromSeconds(20));
            var limited = alice.LastRemb!;
            Assert.True(limited.Bitrate < 1_000_000, $"cap {limited.Bitrate}");
            Assert.Equal([alice.VideoSsrc], limited.Ssrcs);
            Assert.True(bob.DiscardedPackets > 0);
            Assert.Equal(0, bobLeg.LastRembBitrate); // Bob sends no video: no REMB for him

            // Clean again: the cap grows back, 8 % a second.
            bob.ReceiveLossEvery = 0;
            var lowest = limited.Bitrate;
            await RelayHarness.WaitUntilAsync(
                () =>
                {
                    lowest = Math.Min(lowest, alice.LastRemb!.Bitrate);
                    return alice.LastRemb!.Bitrate > lowest;
                },
                "Alice's cap to grow again",
                TimeSpan.FromSeconds(20));
            output.WriteLine($"REMB to Alice: {limited.Bitrate} bit/s at 25 % loss, lowest {lowest}, then {alice.LastRemb!.Bitrate} bit/s clean");
            Assert.True(harness.Relay.Counters.RembSent >= 2);
        }
        finally
        {
            await sending.CancelAsync();
            await sender;
        }
    }

    [Fact]
    public async Task An_echo_leg_gets_feedback_and_a_cap_from_its_own_reception()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession(echo: true);
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        using var sending = new CancellationTokenSource();
        var sender = SendVideoAsync(alice, sending.Token);

        try
        {
            await RelayHarness.WaitUntilAsync(() => alice.TransportFeedbackPacketsReceived > 0 && aliceLeg.BitrateCap > 0, "feedback both ways", TimeSpan.FromSeconds(20));
            Assert.True(alice.TransportFeedbackSent > 0);

            // Alice is her own receiver: her losses cap her own sending.
            alice.ReceiveLossEvery = 4;
            await RelayHarness.WaitUntilAsync(() => alice.LastRemb is not null, "a REMB to the echo leg", TimeSpan.FromSeconds(20));
            Assert.True(aliceLeg.BitrateCap < LossBasedBitrateEstimator.MaxBitrate);
            // The REMB's 18-bit mantissa rounds the cap down a little.
            Assert.InRange((long)alice.LastRemb!.Bitrate, aliceLeg.LastRembBitrate * 0.999, aliceLeg.LastRembBitrate);
            Assert.Equal([alice.VideoSsrc], alice.LastRemb.Ssrcs);
        }
        finally
        {
            await sending.CancelAsync();
            await sender;
        }
    }

    /// <summary>About 900 kbit/s of video: a 1,100-byte packet every 10 ms (or a little more), and some audio.</summary>
    private static async Task SendVideoAsync(ClientPeer peer, CancellationToken cancellation)
    {
        var counter = 0u;
        while (!cancellation.IsCancellationRequested)
        {
            peer.SendRtp(MediaKind.Video, MediaTraffic.Payload(MediaKind.Video, counter), marker: true, timestamp: counter * 900);
            if (counter % 2 == 0)
            {
                peer.SendRtp(MediaKind.Audio, MediaTraffic.Payload(MediaKind.Audio, counter), marker: false, timestamp: counter * 480);
            }

            counter++;
            try
            {
                await Task.Delay(10, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
