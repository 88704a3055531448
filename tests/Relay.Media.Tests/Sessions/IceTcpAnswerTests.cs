using System.Text.RegularExpressions;
using Relay.Media.Sdp;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>What the relay's answer tells a browser about ICE-TCP (RFC 6544 §4.1, §4.2; RFC 8839 §5.1).</summary>
public sealed partial class IceTcpAnswerTests
{
    [Fact]
    public async Task Every_udp_candidate_has_a_passive_tcp_candidate_of_lower_priority_beside_it()
    {
        await using var harness = new RelayHarness(o => o.AnnouncedAddresses.Add("192.0.2.10"));
        var (_, leg) = harness.Offer(new MediaSession());

        var answer = Assert.IsType<SessionDescription>(SessionDescription.TryParse(leg.AnswerSdp, out var parsed, out var error) ? parsed : null);
        Assert.Null(error);
        foreach (var media in answer.MediaDescriptions)
        {
            var candidates = media.GetCandidates();
            var udp = candidates.Where(c => c.IsUdp).ToList();
            var tcp = candidates.Where(c => c.IsTcp).ToList();
            // The configured address and, in tests, loopback.
            Assert.Equal(["192.0.2.10", "127.0.0.1"], udp.Select(c => c.Address));
            Assert.Equal(udp.Select(c => c.Address), tcp.Select(c => c.Address));
            Assert.All(tcp, c =>
            {
                Assert.Equal(IceTcpType.Passive, c.TcpType);
                Assert.Equal(IceCandidateType.Host, c.Type);
                Assert.Equal(harness.Relay.TcpEndPoint!.Port, c.Port);
                Assert.True(c.Priority < udp.Min(u => u.Priority), "A TCP candidate must rank below every UDP one.");
            });
            // Earlier addresses stay preferred within TCP too, and no two candidates share a foundation.
            Assert.True(tcp[0].Priority > tcp[1].Priority);
            Assert.Equal(4, candidates.Select(c => c.Foundation).Distinct().Count());
        }

        // The exact line Chromium parses: candidate:<f> 1 tcp <prio> <addr> <port> typ host tcptype passive.
        var lines = leg.AnswerSdp.Split("\r\n").Where(l => l.Contains(" tcp ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(TcpCandidateLine(), line));
        // The second address: other-pref 8190, so 256 below the first (1,520,435,199).
        Assert.Contains($"a=candidate:4 1 tcp 1520434943 127.0.0.1 {harness.Relay.TcpEndPoint!.Port} typ host tcptype passive", lines);
    }

    [Fact]
    public async Task With_tcp_off_there_is_no_tcp_port_and_no_tcp_candidate()
    {
        await using var harness = new RelayHarness(o => o.TcpEnabled = false);
        var (_, leg) = harness.Offer(new MediaSession());

        Assert.Null(harness.Relay.TcpEndPoint);
        Assert.Null(harness.Relay.TcpCounters);
        Assert.DoesNotContain(" tcp ", leg.AnswerSdp, StringComparison.Ordinal);
        Assert.Contains(" udp ", leg.AnswerSdp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tcp_client_peer_refuses_an_answer_without_a_passive_tcp_candidate()
    {
        await using var harness = new RelayHarness(o => o.TcpEnabled = false);
        var (peer, leg) = harness.Offer(new MediaSession(), new() { Transport = Relay.Media.Transport.MediaTransport.Tcp });
        using var timeout = new CancellationTokenSource(RelayHarness.Bound);

        var error = await Assert.ThrowsAsync<FormatException>(() => peer.ConnectAsync(leg.AnswerSdp, timeout.Token));

        Assert.Contains("passive TCP candidate", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^a=candidate:\d+ 1 tcp \d+ [0-9.]+ \d+ typ host tcptype passive$")]
    private static partial Regex TcpCandidateLine();
}
