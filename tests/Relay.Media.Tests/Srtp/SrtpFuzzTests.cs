using Relay.Media.Srtp;

namespace Relay.Media.Tests.Srtp;

/// <summary>Unprotect must refuse any input with an error value, never an exception.</summary>
public class SrtpFuzzTests
{
    public static TheoryData<SrtpProfile> AllProfiles() => new(SrtpTestPackets.Profiles);

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Every_truncation_of_a_protected_packet_is_refused(SrtpProfile profile)
    {
        var key = SrtpTestPackets.MasterKey(profile);
        using var sender = new SrtpContext(key);
        using var receiver = new SrtpContext(key);
        using var rtcpSender = new SrtcpContext(key);
        using var rtcpReceiver = new SrtcpContext(key);
        var rtp = SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtp(3, payloadLength: 40));
        var rtcp = SrtpTestPackets.Protect(rtcpSender, SrtpTestPackets.Rtcp());
        var output = new byte[256];

        for (var length = 0; length < rtp.Length; length++)
        {
            Assert.False(receiver.TryUnprotect(rtp.AsSpan(0, length), output, out _, out var error));
            Assert.NotEqual(SrtpError.None, error);
        }

        for (var length = 0; length < rtcp.Length; length++)
        {
            Assert.False(rtcpReceiver.TryUnprotect(rtcp.AsSpan(0, length), output, out _, out var error));
            Assert.NotEqual(SrtpError.None, error);
        }

        Assert.True(receiver.TryUnprotect(rtp, output, out _, out _));
        Assert.True(rtcpReceiver.TryUnprotect(rtcp, output, out _, out _));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Random_bytes_never_throw(SrtpProfile profile)
    {
        var key = SrtpTestPackets.MasterKey(profile);
        using var receiver = new SrtpContext(key);
        using var rtcpReceiver = new SrtcpContext(key);
        var random = new Random(3711);
        var input = new byte[128];
        var output = new byte[128];

        for (var round = 0; round < 5_000; round++)
        {
            var length = random.Next(input.Length + 1);
            random.NextBytes(input);
            if (length > 0 && round % 2 == 0)
            {
                input[0] = (byte)(0x80 | (input[0] & 0x3F)); // version 2, to reach the crypto
            }

            Assert.False(receiver.TryUnprotect(input.AsSpan(0, length), output, out _, out _));
            Assert.False(rtcpReceiver.TryUnprotect(input.AsSpan(0, length), output, out _, out _));
        }
    }
}
