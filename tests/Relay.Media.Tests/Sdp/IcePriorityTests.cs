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
}
