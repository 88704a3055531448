using Relay.Media.Rtp;
using Relay.Media.Srtp;

namespace Relay.Media.Tests.Srtp;

/// <summary>ARCHITECTURE.md "Hot path": no allocation per packet once a context is warm.</summary>
public class SrtpAllocationTests
{
    private const int PacketsPerRound = 5_000;
    private const int Rounds = 3;

    public static TheoryData<SrtpProfile> AllProfiles() => new(SrtpTestPackets.Profiles);

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Unprotecting_packets_allocates_nothing(SrtpProfile profile)
    {
        var key = SrtpTestPackets.MasterKey(profile);
        using var sender = new SrtpContext(key);
        using var receiver = new SrtpContext(key);

        // Protect every round's packets up front (the warm-up's too; sequence numbers wrap once)
        // so each round only unprotects, and never a packet the replay window has seen.
        const int total = (1 + Rounds) * PacketsPerRound;
        var plain = SrtpTestPackets.Rtp(0, payloadLength: 1200);
        var stride = plain.Length + sender.Overhead;
        var wire = new byte[total * stride];
        for (var i = 0; i < total; i++)
        {
            RtpHeaderRewriter.SetSequenceNumber(plain, (ushort)(60_000 + i));
            Assert.True(sender.TryProtect(plain, wire.AsSpan(i * stride, stride), out _, out _));
        }

        var output = new byte[stride];
        var next = 0;
        var failures = 0;
        var allocated = SteadyStateAllocation.Measure(
            () =>
            {
                for (var end = next + PacketsPerRound; next < end; next++)
                {
                    if (!receiver.TryUnprotect(wire.AsSpan(next * stride, stride), output, out _, out _))
                    {
                        failures++;
                    }
                }
            },
            Rounds);

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
        Assert.Equal(1u, receiver.RolloverCounter);
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Protecting_in_place_allocates_nothing(SrtpProfile profile)
    {
        using var sender = new SrtpContext(SrtpTestPackets.MasterKey(profile));
        var plain = SrtpTestPackets.Rtp(0, payloadLength: 1200);
        var buffer = new byte[plain.Length + sender.Overhead];
        ushort sequence = 0;

        var allocated = SteadyStateAllocation.Measure(
            () =>
            {
                for (var i = 0; i < PacketsPerRound; i++)
                {
                    plain.CopyTo(buffer, 0);
                    RtpHeaderRewriter.SetSequenceNumber(buffer, sequence++);
                    Assert.True(sender.TryProtectInPlace(buffer, plain.Length, out _, out _));
                }
            },
            Rounds);

        Assert.Equal(0, allocated);
    }
}
