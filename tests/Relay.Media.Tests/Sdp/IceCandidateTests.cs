using Relay.Media.Sdp;

namespace Relay.Media.Tests.Sdp;

public class IceCandidateTests
{
    [Theory]
    [InlineData("1 1 udp 2122260223 192.168.1.10 54321 typ host generation 0 network-id 1")]
    [InlineData("842163049 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 192.168.1.10 rport 54321 generation 0")]
    [InlineData("3 1 tcp 1518280447 192.168.1.10 9 typ host tcptype active generation 0")]
    [InlineData("4 1 tcp 1518280447 10.0.0.1 443 typ host tcptype passive")]
    [InlineData("5 1 tcp 1518280447 10.0.0.1 443 typ host tcptype so")]
    [InlineData("6 1 udp 16777215 198.51.100.1 3478 typ relay raddr 0.0.0.0 rport 0")]
    [InlineData("a+/b 1 udp 1 1f3c1a2e-6d8e-4a8b-9c1b-123456789abc.local 5000 typ host")]
    public void Candidates_round_trip(string value)
    {
        Assert.True(IceCandidate.TryParse(value, out var candidate, out var error), error);

        Assert.Equal(value, candidate!.ToString());
    }

    [Fact]
    public void Fields_are_read()
    {
        Assert.True(IceCandidate.TryParse(
            "candidate:842163049 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 192.168.1.10 rport 54321 generation 0 ufrag qbml",
            out var candidate,
            out _));

        Assert.Equal("842163049", candidate!.Foundation);
        Assert.Equal(1, candidate.Component);
        Assert.True(candidate.IsUdp);
        Assert.Equal(1677729535u, candidate.Priority);
        Assert.Equal("203.0.113.7", candidate.Address);
        Assert.Equal(61000, candidate.Port);
        Assert.Equal(IceCandidateType.ServerReflexive, candidate.Type);
        Assert.Equal("192.168.1.10", candidate.RelatedAddress);
        Assert.Equal(54321, candidate.RelatedPort);
        Assert.Null(candidate.TcpType);
        Assert.Equal(
            [new KeyValuePair<string, string>("generation", "0"), new KeyValuePair<string, string>("ufrag", "qbml")],
            candidate.Extensions);
    }

    [Fact]
    public void A_candidate_equals_its_reparsed_text()
    {
        var candidate = new IceCandidate("1", 1, "tcp", 1, "10.0.0.1", 40000, IceCandidateType.Host, TcpType: IceTcpType.Passive)
        {
            Extensions = [new KeyValuePair<string, string>("generation", "0")],
        };

        Assert.True(IceCandidate.TryParse(candidate.ToString(), out var reparsed, out _));

        Assert.Equal(candidate, reparsed);
        Assert.True(reparsed!.IsTcp);
    }

    [Theory]
    [InlineData("", "needs")]
    [InlineData("1 1 udp 1 10.0.0.1 5000 typ", "needs")]
    [InlineData("1 0 udp 1 10.0.0.1 5000 typ host", "component")]
    [InlineData("1 257 udp 1 10.0.0.1 5000 typ host", "component")]
    [InlineData("1 1 udp 4294967296 10.0.0.1 5000 typ host", "priority")]
    [InlineData("1 1 udp -1 10.0.0.1 5000 typ host", "priority")]
    [InlineData("1 1 udp 1 10.0.0.1 65536 typ host", "port")]
    [InlineData("1 1 udp 1 10.0.0.1 5000 type host", "typ")]
    [InlineData("1 1 udp 1 10.0.0.1 5000 typ nat", "typ")]
    [InlineData("1 1 udp 1 10.0.0.1 5000 typ srflx raddr 1.2.3.4 rport x", "rport")]
    [InlineData("1 1 tcp 1 10.0.0.1 5000 typ host tcptype sideways", "tcptype")]
    [InlineData("1 1 udp 1 10.0.0.1 5000 typ host generation", "needs")]
    [InlineData("f*o 1 udp 1 10.0.0.1 5000 typ host", "foundation")]
    [InlineData("1 1 udp 1  5000 typ host", "address")]
    public void Malformed_candidates_are_rejected_with_a_reason(string value, string reason)
    {
        Assert.False(IceCandidate.TryParse(value, out var candidate, out var error));

        Assert.Null(candidate);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
