using Relay.Media.Diagnostics;

namespace Relay.Media.Tests.Diagnostics;

public sealed class DropReasonLabelsTests
{
    [Theory]
    [InlineData(DropReason.SrtpAuthenticationFailed, "srtp_authentication_failed")]
    [InlineData(DropReason.StunIntegrityFailed, "stun_integrity_failed")]
    [InlineData(DropReason.UnverifiedSource, "unverified_source")]
    [InlineData(DropReason.Oversize, "oversize")]
    public void A_reason_s_label_is_its_name_in_snake_case(DropReason reason, string label) =>
        Assert.Equal(label, DropReasonLabels.Of(reason));

    [Fact]
    public void Every_reason_has_its_own_prometheus_safe_label()
    {
        var labels = Enum.GetValues<DropReason>().Select(DropReasonLabels.Of).ToList();

        Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());
        Assert.All(labels, l => Assert.Matches("^[a-z][a-z0-9_]*$", l));
        Assert.DoesNotContain(DropReasonLabels.FingerprintMismatch, labels);
    }

    [Fact]
    public void Security_drops_are_the_forged_replayed_and_unverified_ones()
    {
        var security = Enum.GetValues<DropReason>().Where(DropReasonLabels.IsSecurity).ToHashSet();

        Assert.Equal(
            [DropReason.StunIntegrityFailed, DropReason.StunAddressInUse, DropReason.UnverifiedSource, DropReason.SrtpAuthenticationFailed, DropReason.SrtpReplay],
            security.Order());
    }
}
