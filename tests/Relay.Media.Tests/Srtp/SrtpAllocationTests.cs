using Relay.Media.Srtp;

namespace Relay.Media.Tests.Srtp;

/// <summary>ARCHITECTURE.md "Hot path": no allocation per packet once a context is warm.</summary>
public class SrtpAllocationTests
{
    private const int WarmUp = 200;
    private const int Measured = 10_000;

    public static TheoryData<SrtpProfile> AllProfiles() => new(SrtpTestPackets.Profiles);

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Unprotecting_10k_packets_allocates_nothing(SrtpProfile profile)
    {
        var key = SrtpTestPackets.MasterKey(profile);
        using var sender = new SrtpContext(key);
        using var receiver = new SrtpContext(key);

        // Protect everything up front (sequence numbers wrap once) so the loop only unprotects.
        var plain = SrtpTestPackets.Rtp(0, payloadLength: 1200);
        var stride = plain.Length + sender.Overhead;
        var wire = new byte[(WarmUp + Measured) * stride];
        for (var i = 0; i < WarmUp + Measured; i++)
        {
            Relay.Media.Rtp.RtpHeaderRewriter.SetSequenceNumber(plain, (ushort)(60_000 + i));
            Assert.True(sender.TryProtect(plain, wire.AsSpan(i * stride, stride), out _, out _));
        }

        var output = new byte[stride];
        for (var i = 0; i < WarmUp; i++)
        {
            Assert.True(receiver.TryUnprotect(wire.AsSpan(i * stride, stride), output, out _, out _));
        }

        var failures = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = WarmUp; i < WarmUp + Measured; i++)
        {
            if (!receiver.TryUnprotect(wire.AsSpan(i * stride, stride), output, out _, out _))
            {
                failures++;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
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
        for (var i = 0; i < WarmUp; i++)
        {
            plain.CopyTo(buffer, 0);
            sender.TryProtectInPlace(buffer, plain.Length, out _, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Measured; i++)
        {
            plain.CopyTo(buffer, 0);
            Relay.Media.Rtp.RtpHeaderRewriter.SetSequenceNumber(buffer, (ushort)i);
            sender.TryProtectInPlace(buffer, plain.Length, out _, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
