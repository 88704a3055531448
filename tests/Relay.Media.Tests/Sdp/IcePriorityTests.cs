using Relay.Media.Sdp;

namespace Relay.Media.Tests.Sdp;

public class IcePriorityTests
{
    [Theory]
    // 2^24 × 126 + 2^8 × 65535 + (256 − 1): the highest host priority for component 1.
    [InlineData(126, 65535, 1, 2130706431u)]
    // Chromium's host UDP candidate: type 126, local preference 32542 (0x7F1E), component 1.
    [InlineData(126, 32542, 1, 2122260223u)]
    [InlineData(100, 65535, 1, 1694498815u)]
    [InlineData(0, 0, 256, 0u)]
    [InlineData(0, 0, 1, 255u)]
    public void Priority_follows_rfc_8445_formula(int typePreference, int localPreference, int component, uint expected) =>
        Assert.Equal(expected, IcePriority.Compute(typePreference, localPreference, component));

    [Fact]
    public void Recommended_type_preferences_order_host_first()
    {
        Assert.Equal(126, IcePriority.RecommendedTypePreference(IceCandidateType.Host));
        Assert.Equal(110, IcePriority.RecommendedTypePreference(IceCandidateType.PeerReflexive));
        Assert.Equal(100, IcePriority.RecommendedTypePreference(IceCandidateType.ServerReflexive));
        Assert.Equal(0, IcePriority.RecommendedTypePreference(IceCandidateType.Relayed));
    }

    [Theory]
    [InlineData(127, 0, 1)]
    [InlineData(0, 65536, 1)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 0, 257)]
    public void Out_of_range_inputs_are_programming_errors(int typePreference, int localPreference, int component) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IcePriority.Compute(typePreference, localPreference, component));

    [Theory]
    // RFC 6544 §4.2: 2^13 × direction-pref + other-pref; host direction-prefs active 6, passive 4, so 2.
    [InlineData(IceTcpType.Active, 8191, 6 * 8192 + 8191)]
    [InlineData(IceTcpType.Passive, 8191, 4 * 8192 + 8191)]
    [InlineData(IceTcpType.Passive, 0, 4 * 8192)]
    [InlineData(IceTcpType.SimultaneousOpen, 100, 2 * 8192 + 100)]
    public void Tcp_local_preference_follows_rfc_6544(IceTcpType type, int otherPreference, int expected) =>
        Assert.Equal(expected, IcePriority.TcpLocalPreference(type, otherPreference));

    [Fact]
    public void A_passive_tcp_host_candidate_ranks_below_every_udp_host_candidate()
    {
        // Hand-checked: 2^24 × 90 + 2^8 × (4 × 8192 + 8191) + 255 = 1,509,949,440 + 10,485,504 + 255.
        var tcp = IcePriority.Compute(IcePriority.HostTcpTypePreference, IcePriority.TcpLocalPreference(IceTcpType.Passive, IcePriority.MaxTcpOtherPreference), 1);
        var lowestUdpHost = IcePriority.Compute(IcePriority.RecommendedTypePreference(IceCandidateType.Host), 0, 256);

        Assert.Equal(1_520_435_199u, tcp);
        Assert.True(tcp < lowestUdpHost);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8192)]
    public void Tcp_other_preference_out_of_range_is_a_programming_error(int otherPreference) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IcePriority.TcpLocalPreference(IceTcpType.Passive, otherPreference));
}
