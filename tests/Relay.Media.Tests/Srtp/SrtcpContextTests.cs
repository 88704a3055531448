using System.Buffers.Binary;
using Relay.Media.Srtp;

namespace Relay.Media.Tests.Srtp;

public class SrtcpContextTests
{
    public static TheoryData<SrtpProfile> AllProfiles() => new(SrtpTestPackets.Profiles);

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Round_trip_numbers_packets_and_restores_them(SrtpProfile profile)
    {
        var key = SrtpTestPackets.MasterKey(profile);
        using var sender = new SrtcpContext(key);
        using var receiver = new SrtcpContext(key);
        var plain = SrtpTestPackets.Rtcp();

        for (uint i = 0; i < 3; i++)
        {
            var wire = SrtpTestPackets.Protect(sender, plain);
            Assert.Equal(4 + SrtpProfileParameters.GetRtcpTagLength(profile), wire.Length - plain.Length);

            var output = new byte[wire.Length];
            Assert.True(receiver.TryUnprotect(wire, output, out var written, out var error), error.ToString());
            Assert.Equal(plain, output.AsSpan(0, written).ToArray());
        }

        Assert.Equal(3u, sender.NextIndex);
    }

    [Fact]
    public void Sha1_profiles_put_the_e_flag_and_index_before_an_80_bit_tag()
    {
        // RFC 3711 §3.4 layout; the 32-bit profile still uses an 80-bit SRTCP tag (RFC 5764 §4.1.2).
        using var sender = new SrtcpContext(SrtpTestPackets.MasterKey(SrtpProfile.Aes128CmHmacSha1Tag32));
        sender.NextIndex = 0x1234;
        var plain = SrtpTestPackets.Rtcp();
        var wire = SrtpTestPackets.Protect(sender, plain);

        Assert.Equal(plain.Length + 4 + 10, wire.Length);
        Assert.Equal(0x8000_1234u, BinaryPrimitives.ReadUInt32BigEndian(wire.AsSpan(plain.Length)));
        Assert.Equal(plain.AsSpan(0, 8).ToArray(), wire.AsSpan(0, 8).ToArray());
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Replay_and_tamper_are_refused_without_moving_the_window(SrtpProfile profile)
    {
        var key = SrtpTestPackets.MasterKey(profile);
        using var sender = new SrtcpContext(key);
        using var receiver = new SrtcpContext(key);
        var wire = SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtcp());

        var forged = (byte[])wire.Clone();
        forged[12] ^= 0x04;
        Assert.False(receiver.TryUnprotect(forged, new byte[wire.Length], out _, out var error));
        Assert.Equal(SrtpError.AuthenticationFailed, error);

        Assert.True(receiver.TryUnprotect(wire, new byte[wire.Length], out _, out error), error.ToString());
        Assert.False(receiver.TryUnprotect(wire, new byte[wire.Length], out _, out error));
        Assert.Equal(SrtpError.ReplayDetected, error);
    }

    [Fact]
    public void Index_exhaustion_stops_protection()
    {
        using var sender = new SrtcpContext(SrtpTestPackets.MasterKey(SrtpProfile.AeadAes128Gcm));
        sender.NextIndex = SrtcpContext.MaxIndex;
        SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtcp());

        var plain = SrtpTestPackets.Rtcp();
        Assert.False(sender.TryProtect(plain, new byte[200], out _, out var error));
        Assert.Equal(SrtpError.IndexExhausted, error);
    }

    [Fact]
    public void Short_and_non_rtcp_input_is_refused()
    {
        using var receiver = new SrtcpContext(SrtpTestPackets.MasterKey(SrtpProfile.Aes128CmHmacSha1Tag80));
        Assert.False(receiver.TryUnprotect(new byte[21], new byte[64], out _, out var error));
        Assert.Equal(SrtpError.TooShort, error);
        Assert.False(receiver.TryUnprotect(new byte[40], new byte[64], out _, out error));
        Assert.Equal(SrtpError.MalformedPacket, error);
    }
}
