using Relay.Media.Rtp;
using Relay.Media.Srtp;

namespace Relay.Media.Tests.Srtp;

public class SrtpContextTests
{
    public static TheoryData<SrtpProfile> AllProfiles() => new(SrtpTestPackets.Profiles);

    private static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpProfile profile)
    {
        var key = SrtpTestPackets.MasterKey(profile);
        return (new SrtpContext(key), new SrtpContext(key));
    }

    private static SrtpError Receive(SrtpContext receiver, byte[] packet)
    {
        receiver.TryUnprotect(packet, new byte[packet.Length], out _, out var error);
        return error;
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Round_trip_restores_the_packet_and_encrypts_only_the_payload(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var plain = SrtpTestPackets.Rtp(1000);
            var wire = SrtpTestPackets.Protect(sender, plain);

            Assert.Equal(SrtpProfileParameters.GetRtpTagLength(profile), wire.Length - plain.Length);
            Assert.Equal(plain.AsSpan(0, 20).ToArray(), wire.AsSpan(0, 20).ToArray()); // header in clear
            Assert.NotEqual(plain.AsSpan(20).ToArray(), wire.AsSpan(20, plain.Length - 20).ToArray());

            var output = new byte[wire.Length];
            Assert.True(receiver.TryUnprotect(wire, output, out var written, out var error), error.ToString());
            Assert.Equal(plain, output.AsSpan(0, written).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Padding_is_encrypted_with_the_payload_and_parses_after_unprotect(SrtpProfile profile)
    {
        // RFC 3711 §3.1: padding belongs to the encrypted portion, so its count octet is
        // ciphertext on the wire and only meaningful again after decryption.
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var writer = new RtpPacketWriter { PayloadType = 96, SequenceNumber = 1, Ssrc = 7, Payload = [1, 2, 3], PaddingLength = 5 };
            var plain = new byte[writer.GetSize()];
            Assert.True(writer.TryWriteTo(plain, out _));

            var wire = SrtpTestPackets.Protect(sender, plain);
            var output = new byte[wire.Length];
            Assert.True(receiver.TryUnprotect(wire, output, out var written, out var error), error.ToString());

            Assert.True(RtpPacket.TryParse(output.AsSpan(0, written), out var packet));
            Assert.Equal(5, packet.PaddingLength);
            Assert.Equal(new byte[] { 1, 2, 3 }, packet.Payload.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void In_place_round_trip(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var plain = SrtpTestPackets.Rtp(7);
            var buffer = new byte[plain.Length + sender.Overhead];
            plain.CopyTo(buffer, 0);

            Assert.True(sender.TryProtectInPlace(buffer, plain.Length, out var protectedLength, out _));
            Assert.True(receiver.TryUnprotectInPlace(buffer, protectedLength, out var plainLength, out var error), error.ToString());
            Assert.Equal(plain, buffer.AsSpan(0, plainLength).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Tampered_packet_fails_and_leaves_roc_and_window_unchanged(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var wire = SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtp(5));
            for (var bit = 0; bit < wire.Length * 8; bit += 7)
            {
                var forged = (byte[])wire.Clone();
                forged[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.NotEqual(SrtpError.None, Receive(receiver, forged));
            }

            Assert.Equal(SrtpError.None, Receive(receiver, wire));
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Forged_packet_past_the_wrap_does_not_advance_the_roc(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            Assert.Equal(SrtpError.None, Receive(receiver, SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtp(65535))));

            var next = SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtp(0));
            var forged = (byte[])next.Clone();
            forged[^1] ^= 0x80;
            Assert.Equal(SrtpError.AuthenticationFailed, Receive(receiver, forged));
            Assert.Equal(0u, receiver.RolloverCounter);

            Assert.Equal(SrtpError.None, Receive(receiver, next));
            Assert.Equal(1u, receiver.RolloverCounter);
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Same_packet_twice_is_a_replay(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var wire = SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtp(42));
            Assert.Equal(SrtpError.None, Receive(receiver, wire));
            Assert.Equal(SrtpError.ReplayDetected, Receive(receiver, wire));
        }
    }

    [Fact]
    public void Packets_behind_the_window_are_too_old_and_late_ones_inside_it_are_accepted()
    {
        var (sender, receiver) = Pair(SrtpProfile.Aes128CmHmacSha1Tag80);
        using (sender)
        using (receiver)
        {
            var packets = new byte[300][];
            for (var i = 0; i < packets.Length; i++)
            {
                packets[i] = SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtp((ushort)i));
            }

            for (var i = 0; i < packets.Length; i++)
            {
                if (i != 250)
                {
                    Assert.Equal(SrtpError.None, Receive(receiver, packets[i]));
                }
            }

            Assert.Equal(SrtpError.None, Receive(receiver, packets[250]));   // late, 49 behind
            Assert.Equal(SrtpError.ReplayDetected, Receive(receiver, packets[250]));
            Assert.Equal(SrtpError.ReplayTooOld, Receive(receiver, packets[100])); // 199 behind
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Roc_follows_the_wrap_with_reordering_across_it(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            ushort[] sent = [65532, 65533, 65534, 65535, 0, 1, 2, 3];
            var wire = new Dictionary<ushort, byte[]>();
            foreach (var sequenceNumber in sent)
            {
                wire[sequenceNumber] = SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtp(sequenceNumber));
            }

            Assert.Equal(1u, sender.RolloverCounter);

            ushort[] arrival = [65532, 65534, 0, 65533, 1, 65535, 3, 2];
            foreach (var sequenceNumber in arrival)
            {
                var output = new byte[wire[sequenceNumber].Length];
                Assert.True(
                    receiver.TryUnprotect(wire[sequenceNumber], output, out var written, out var error),
                    $"{sequenceNumber}: {error}");
                Assert.Equal(SrtpTestPackets.Rtp(sequenceNumber), output.AsSpan(0, written).ToArray());
            }

            Assert.Equal(1u, receiver.RolloverCounter);
        }
    }

    [Fact]
    public void Errors_for_short_malformed_and_undersized_buffers()
    {
        var (sender, receiver) = Pair(SrtpProfile.Aes128CmHmacSha1Tag80);
        using (sender)
        using (receiver)
        {
            var plain = SrtpTestPackets.Rtp(1);
            Assert.False(sender.TryProtect(plain, new byte[plain.Length], out _, out var error));
            Assert.Equal(SrtpError.DestinationTooSmall, error);

            var notRtp = (byte[])plain.Clone();
            notRtp[0] = 0x40;
            Assert.False(sender.TryProtect(notRtp, new byte[200], out _, out error));
            Assert.Equal(SrtpError.MalformedPacket, error);

            Assert.False(receiver.TryUnprotect(new byte[21], new byte[64], out _, out error));
            Assert.Equal(SrtpError.TooShort, error);

            var wire = SrtpTestPackets.Protect(sender, plain);
            Assert.False(receiver.TryUnprotect(wire, new byte[plain.Length - 1], out _, out error));
            Assert.Equal(SrtpError.DestinationTooSmall, error);
        }
    }

    [Fact]
    public void Partly_overlapping_buffers_are_a_caller_bug()
    {
        using var context = new SrtpContext(SrtpTestPackets.MasterKey(SrtpProfile.AeadAes128Gcm));
        var buffer = new byte[400];
        SrtpTestPackets.Rtp(1).CopyTo(buffer, 0);
        Assert.Throws<ArgumentException>(() => context.TryProtect(buffer.AsSpan(0, 192), buffer.AsSpan(4), out _, out _));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Different_keys_fail_authentication(SrtpProfile profile)
    {
        using var sender = new SrtpContext(SrtpTestPackets.MasterKey(profile, seed: 1));
        using var receiver = new SrtpContext(SrtpTestPackets.MasterKey(profile, seed: 2));
        Assert.Equal(
            SrtpError.AuthenticationFailed,
            Receive(receiver, SrtpTestPackets.Protect(sender, SrtpTestPackets.Rtp(1))));
    }
}
