using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Relay.Media.Diagnostics;
using Relay.Media.Sessions;
using Relay.Media.Stun;
using Relay.Media.Transport;

namespace Relay.Media.Tests.Sessions;

/// <summary>
/// The ICE-TCP port faces the Internet like the UDP one: what a hostile or broken peer can do
/// with a connection is bounded, and nothing but a verified check binds a connection to a leg.
/// </summary>
public sealed class IceTcpHardeningTests
{
    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_at_accept_and_counted()
    {
        await using var harness = new RelayHarness(o => o.TcpMaxConnections = 2);
        using var first = await TcpWire.ConnectAsync(harness);
        using var second = await TcpWire.ConnectAsync(harness);
        await RelayHarness.WaitUntilAsync(() => harness.Relay.TcpConnectionCount == 2, "two connections to be accepted");

        using var third = await TcpWire.ConnectAsync(harness);

        await third.WaitClosedAsync();
        Assert.Equal(1, harness.Relay.TcpCounters!.Rejected);
        Assert.Equal(2, harness.Relay.TcpConnectionCount);

        // A freed slot is usable again.
        first.Dispose();
        await RelayHarness.WaitUntilAsync(() => harness.Relay.TcpConnectionCount == 1, "the first connection to go");
        using var fourth = await TcpWire.ConnectAsync(harness);
        await RelayHarness.WaitUntilAsync(() => harness.Relay.TcpConnectionCount == 2, "the fourth connection to be accepted");
        Assert.Equal(1, harness.Relay.TcpCounters.Rejected);
    }

    [Fact]
    public async Task Unbound_connections_from_one_address_beyond_its_limit_are_closed_at_accept_until_one_binds_or_goes()
    {
        await using var harness = new RelayHarness(o => o.TcpMaxUnboundPerAddress = 2);
        var (_, leg) = harness.Offer(new MediaSession());
        using var first = await TcpWire.ConnectAsync(harness);
        using var second = await TcpWire.ConnectAsync(harness);
        await RelayHarness.WaitUntilAsync(() => harness.Relay.TcpConnectionCount == 2, "two connections to be accepted");

        using var third = await TcpWire.ConnectAsync(harness);

        await third.WaitClosedAsync();
        Assert.Equal(1, harness.Relay.TcpCounters!.Rejections(TcpRejectReason.UnboundPerAddressLimit));
        Assert.Equal(0, harness.Relay.TcpCounters.Rejections(TcpRejectReason.ConnectionLimit));

        // A verified check binds the first: bound connections do not count (a whole office may
        // be in calls through one NAT address), so another browser there may set up.
        await first.SendFrameAsync(MediaLegSecurityTests.Check(leg, leg.Ice.Local.Password, out _));
        Assert.NotNull(await first.ReadFrameAsync());
        using var fourth = await TcpWire.ConnectAsync(harness);
        await RelayHarness.WaitUntilAsync(() => harness.Relay.TcpConnectionCount == 3, "the fourth connection to be accepted");

        // An unbound connection that goes gives its slot back too.
        second.Dispose();
        await RelayHarness.WaitUntilAsync(() => harness.Relay.TcpConnectionCount == 2, "the second connection to go");
        using var fifth = await TcpWire.ConnectAsync(harness);
        await RelayHarness.WaitUntilAsync(() => harness.Relay.TcpConnectionCount == 3, "the fifth connection to be accepted");
        Assert.Equal(1, harness.Relay.TcpCounters.Rejected);
    }

    [Fact]
    public async Task A_connection_that_never_binds_is_closed_even_while_it_keeps_sending()
    {
        var timeout = TimeSpan.FromMilliseconds(500);
        await using var harness = new RelayHarness(o => o.TcpUnboundTimeout = timeout);
        var (_, leg) = harness.Offer(new MediaSession());
        // The relay's own clock (Environment.TickCount64, coarse on Linux), read before the connect:
        // the relay's deadline runs from its accept, after this, so no tolerance is needed.
        var connectedBefore = Environment.TickCount64;
        using var wire = await TcpWire.ConnectAsync(harness);

        // Checks that verify nothing do not keep the connection alive.
        using var stop = new CancellationTokenSource();
        var trickle = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await wire.SendFrameAsync(MediaLegSecurityTests.Check(leg, "a-wrong-password-0123456", out _));
                    await Task.Delay(100, stop.Token);
                }
                catch (Exception exception) when (exception is SocketException or OperationCanceledException)
                {
                    return;
                }
            }
        });
        await wire.WaitClosedAsync();
        await stop.CancelAsync();
        await trickle;

        var open = Environment.TickCount64 - connectedBefore;
        Assert.True(open > timeout.TotalMilliseconds, $"Closed after {open} ms, before the {timeout} deadline.");
        Assert.Equal(1, harness.Relay.TcpCounters!.Closed(TcpCloseReason.UnboundTimeout));
        Assert.True(harness.Relay.Counters.Dropped(DropReason.StunIntegrityFailed) >= 1);
        Assert.Null(leg.SelectedAddress);
        await RelayHarness.WaitUntilAsync(() => harness.Relay.TcpConnectionCount == 0, "the connection to be gone");
    }

    [Fact]
    public async Task A_bound_connection_that_goes_silent_is_closed_and_leaves_its_leg()
    {
        await using var harness = new RelayHarness(o => o.TcpIdleTimeout = TimeSpan.FromMilliseconds(500));
        var (_, leg) = harness.Offer(new MediaSession());
        using var wire = await TcpWire.ConnectAsync(harness);
        await wire.SendFrameAsync(MediaLegSecurityTests.Check(leg, leg.Ice.Local.Password, out _));
        Assert.NotNull(await wire.ReadFrameAsync());
        Assert.Equal(MediaTransport.Tcp, leg.Transport);

        await wire.WaitClosedAsync();

        Assert.Equal(1, harness.Relay.TcpCounters!.Closed(TcpCloseReason.IdleTimeout));
        await RelayHarness.WaitUntilAsync(() => leg.Transport is null, "the leg to lose the path");
    }

    [Fact]
    public async Task An_oversized_length_prefix_closes_the_connection_and_is_counted()
    {
        await using var harness = new RelayHarness();
        using var wire = await TcpWire.ConnectAsync(harness);
        // The largest accepted frame (1,500 bytes, like the UDP bound) is read and dropped as unknown.
        await wire.SendFrameAsync(Enumerable.Repeat((byte)0x05, MediaLeg.MaxPacketSize).ToArray());
        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.UnknownProtocol) == 1, "the 1,500-byte frame to be read");
        Assert.Equal(1, harness.Relay.TcpConnectionCount);

        // One byte more: the length alone closes the connection, before any payload arrives.
        var header = new byte[Rfc4571Framer.HeaderSize];
        BinaryPrimitives.WriteUInt16BigEndian(header, MediaLeg.MaxPacketSize + 1);
        await wire.SendRawAsync(header);

        await wire.WaitClosedAsync();
        Assert.Equal(1, harness.Relay.TcpCounters!.Closed(TcpCloseReason.FrameTooLarge));
        Assert.Equal(0, harness.Relay.TcpConnectionCount);
    }

    [Fact]
    public async Task An_empty_frame_closes_the_connection_and_is_counted()
    {
        await using var harness = new RelayHarness();
        using var wire = await TcpWire.ConnectAsync(harness);

        await wire.SendRawAsync([0, 0]);

        await wire.WaitClosedAsync();
        Assert.Equal(1, harness.Relay.TcpCounters!.Closed(TcpCloseReason.EmptyFrame));
    }

    [Fact]
    public async Task Rtp_and_dtls_before_a_verified_check_are_dropped_and_counted()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        using var wire = await TcpWire.ConnectAsync(harness);

        // Alice's genuine SRTP and a DTLS record, on a connection no check has bound.
        var stolen = new byte[1500];
        Assert.True(alice.TryWriteRtp(MediaKind.Video, MediaTraffic.Payload(MediaKind.Video, 7), false, 0, stolen, out var length));
        await wire.SendFrameAsync(stolen.AsSpan(0, length));
        await wire.SendFrameAsync(new byte[] { 22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0, 1, 0xFF });

        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.UnverifiedSource) == 2, "both frames to be dropped");
        Assert.Equal(0, bob.ReceivedPackets(MediaKind.Video));
        Assert.False(Assert.Single(harness.Relay.TcpConnections).IsBound);
        Assert.Equal(MediaTransport.Udp, aliceLeg.Transport);
    }

    [Fact]
    public async Task A_check_with_a_bad_message_integrity_over_tcp_gets_no_answer_and_binds_nothing()
    {
        await using var harness = new RelayHarness();
        var (_, leg) = harness.Offer(new MediaSession());
        var (_, probeLeg) = harness.Offer(new MediaSession());
        using var wire = await TcpWire.ConnectAsync(harness);

        await wire.SendFrameAsync(MediaLegSecurityTests.Check(leg, "not-the-password-at-all!", out _));
        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.StunIntegrityFailed) == 1, "the check to be refused");
        Assert.False(Assert.Single(harness.Relay.TcpConnections).IsBound);
        Assert.Null(leg.Transport);

        // Frames on one connection are handled in order: had the bad check been answered, that answer would come first.
        await wire.SendFrameAsync(MediaLegSecurityTests.Check(probeLeg, probeLeg.Ice.Local.Password, out var probeTransaction));
        var answer = await wire.ReadFrameAsync();
        Assert.NotNull(answer);
        Assert.True(StunMessage.TryParse(answer, out var response));
        Assert.True(response.TransactionId.SequenceEqual(probeTransaction));
        Assert.Null(leg.Transport);
        Assert.Null(leg.SelectedAddress);
    }

    [Fact]
    public async Task A_chromium_style_check_gets_a_framed_verified_answer_and_binds_the_connection()
    {
        await using var harness = new RelayHarness();
        var (_, leg) = harness.Offer(new MediaSession());
        using var wire = await TcpWire.ConnectAsync(harness);

        // Chromium's first frame on a passive candidate: a Binding request with USE-CANDIDATE and ICE-CONTROLLING (MEDIA-NOTES.md).
        await wire.SendFrameAsync(MediaLegSecurityTests.Check(leg, leg.Ice.Local.Password, out var transaction));

        var frame = await wire.ReadFrameAsync();
        Assert.NotNull(frame);
        Assert.True(StunMessage.TryParse(frame, out var response));
        Assert.Equal(StunClass.SuccessResponse, response.Class);
        Assert.True(response.TransactionId.SequenceEqual(transaction));
        Assert.True(response.VerifyMessageIntegrity(System.Text.Encoding.UTF8.GetBytes(leg.Ice.Local.Password)));
        Assert.True(response.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(wire.LocalEndPoint, mapped.ToEndPoint());
        Assert.Equal(MediaTransport.Tcp, leg.Transport);
        Assert.True(Assert.Single(harness.Relay.TcpConnections).IsBound);
    }

    [Fact]
    public async Task A_udp_and_a_tcp_peer_on_the_same_ip_and_port_are_told_apart()
    {
        await using var harness = new RelayHarness();
        var (_, udpLeg) = harness.Offer(new MediaSession());
        var (_, tcpLeg) = harness.Offer(new MediaSession());
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        // The same port number over TCP: a different socket, so a different peer.
        using var wire = await TcpWire.ConnectAsync(harness, bindTo: (IPEndPoint)udp.LocalEndPoint!);

        await udp.SendToAsync(MediaLegSecurityTests.Check(udpLeg, udpLeg.Ice.Local.Password, out _), new IPEndPoint(IPAddress.Loopback, harness.Relay.LocalEndPoint.Port));
        await wire.SendFrameAsync(MediaLegSecurityTests.Check(tcpLeg, tcpLeg.Ice.Local.Password, out _));

        await RelayHarness.WaitUntilAsync(() => udpLeg.Transport is not null && tcpLeg.Transport is not null, "both legs to bind their peer");
        Assert.Equal(MediaTransport.Udp, udpLeg.Transport);
        Assert.Equal(MediaTransport.Tcp, tcpLeg.Transport);
        Assert.Equal(udpLeg.SelectedAddress, tcpLeg.SelectedAddress);
        Assert.Equal(0, harness.Relay.Counters.Dropped(DropReason.StunAddressInUse));
    }

    [Fact]
    public async Task A_peer_that_stops_reading_fills_only_its_own_queue_and_the_relay_goes_on()
    {
        await using var harness = new RelayHarness(o => o.TcpSendQueueBytes = 16 * 1024);
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        var (_, bobLeg) = await harness.JoinAsync(session, new() { Transport = MediaTransport.Tcp });
        // Bob's browser nominates a second TCP connection (the latest nomination wins), then never reads from it.
        using var wire = await TcpWire.ConnectAsync(harness, receiveBufferSize: 4096);
        await wire.SendFrameAsync(MediaLegSecurityTests.Check(bobLeg, bobLeg.Ice.Local.Password, out _));
        IceTcpConnection? stalled = null;
        await RelayHarness.WaitUntilAsync(
            () => (stalled = harness.Relay.TcpConnections.FirstOrDefault(c => c.RemoteEndPoint.Port == wire.LocalEndPoint.Port)) is { IsBound: true }
                && ReferenceEquals(bobLeg.SelectedAddress, stalled.RemoteAddress),
            "Bob's leg to move to the new connection");

        var tcp = harness.Relay.TcpCounters!;
        var payload = MediaTraffic.Payload(MediaKind.Video, 1);
        for (var i = 0u; tcp.SendQueueDrops == 0; i++)
        {
            Assert.True(i < 20_000, "The send queue never overflowed.");
            Assert.True(alice.SendRtp(MediaKind.Video, payload, marker: false, timestamp: i));
            if (i % 50 == 49)
            {
                await Task.Delay(1);
            }
        }

        // The receive thread was never held up: Alice's consent checks are still answered.
        var consent = alice.ConsentResponses;
        await RelayHarness.WaitUntilAsync(() => alice.ConsentResponses > consent, "a consent answer after the overflow");
        Assert.True(stalled!.QueuedBytes <= 16 * 1024);
        Assert.False(stalled.IsClosed);
        Assert.Equal(0, harness.Relay.HandlerFaults);
    }
}
