using System.Net;
using System.Text;
using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class StunMessageTests
{
    public static TheoryData<string> ShortTermVectors =>
        [nameof(Rfc5769.SampleRequest), nameof(Rfc5769.SampleIPv4Response), nameof(Rfc5769.SampleIPv6Response)];

    [Theory]
    [MemberData(nameof(ShortTermVectors))]
    public void Rfc5769_short_term_vector_verifies(string vector)
    {
        var bytes = Rfc5769.ShortTermVector(vector);

        Assert.True(StunMessage.TryParse(bytes, out var message, out var error), error.ToString());
        Assert.True(message.HasMessageIntegrity);
        Assert.True(message.HasFingerprint);
        Assert.True(message.VerifyMessageIntegrity(Rfc5769.ShortTermKey));
        Assert.True(message.VerifyFingerprint());
        Assert.Equal(Rfc5769.TransactionId, message.TransactionId.ToArray());
        Assert.Equal(StunMethod.Binding, message.Method);
    }

    [Theory]
    [MemberData(nameof(ShortTermVectors))]
    public void Rfc5769_short_term_vector_fails_under_a_wrong_password(string vector)
    {
        Assert.True(StunMessage.TryParse(Rfc5769.ShortTermVector(vector), out var message));

        Assert.False(message.VerifyMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBu"u8));
        Assert.False(message.VerifyMessageIntegrity([]));
    }

    // Tamper twin, exhaustively: whichever single bit is flipped, the message either no longer
    // parses or fails MESSAGE-INTEGRITY or FINGERPRINT.
    [Theory]
    [MemberData(nameof(ShortTermVectors))]
    public void Rfc5769_short_term_vector_with_any_bit_flipped_is_detected(string vector)
    {
        var original = Rfc5769.ShortTermVector(vector);
        for (var bit = 0; bit < original.Length * 8; bit++)
        {
            var tampered = (byte[])original.Clone();
            tampered[bit / 8] ^= (byte)(0x80 >> (bit % 8));

            var detected = !StunMessage.TryParse(tampered, out var message)
                || !message.VerifyMessageIntegrity(Rfc5769.ShortTermKey)
                || !message.VerifyFingerprint();
            Assert.True(detected, $"bit {bit} of {vector}");
        }
    }

    [Fact]
    public void Rfc5769_sample_request_with_a_flipped_username_bit_fails_both_checks()
    {
        var tampered = (byte[])Rfc5769.SampleRequest.Clone();
        tampered[68] ^= 0x01; // 'e' of "evtj" becomes 'd'

        Assert.True(StunMessage.TryParse(tampered, out var message));
        Assert.False(message.VerifyMessageIntegrity(Rfc5769.ShortTermKey));
        Assert.False(message.VerifyFingerprint());
    }

    [Fact]
    public void Rfc5769_sample_request_with_a_flipped_fingerprint_bit_keeps_its_integrity()
    {
        var tampered = (byte[])Rfc5769.SampleRequest.Clone();
        tampered[^1] ^= 0x01;

        Assert.True(StunMessage.TryParse(tampered, out var message));
        Assert.True(message.VerifyMessageIntegrity(Rfc5769.ShortTermKey));
        Assert.False(message.VerifyFingerprint());
    }

    [Fact]
    public void Rfc5769_sample_request_fields()
    {
        Assert.True(StunMessage.TryParse(Rfc5769.SampleRequest, out var message));

        Assert.Equal(StunClass.Request, message.Class);
        Assert.Equal(0x0001, message.MessageType);
        Assert.True(message.TryGetSoftware(out var software));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(software));
        Assert.True(message.TryGetPriority(out var priority));
        Assert.Equal(0x6e0001ffu, priority);
        Assert.True(message.TryGetIceControlled(out var tieBreaker));
        Assert.Equal(0x932ff9b151263b36ul, tieBreaker);
        Assert.False(message.TryGetIceControlling(out _));
        Assert.False(message.HasUseCandidate);
        Assert.True(message.TryGetUsername(out var username));
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(username));
    }

    [Fact]
    public void Rfc5769_sample_request_attributes_enumerate_in_wire_order()
    {
        Assert.True(StunMessage.TryParse(Rfc5769.SampleRequest, out var message));
        var types = new List<StunAttributeType>();
        var lengths = new List<int>();
        foreach (var attribute in message.GetAttributes())
        {
            types.Add(attribute.Type);
            lengths.Add(attribute.Value.Length);
        }

        Assert.Equal(
            [StunAttributeType.Software, StunAttributeType.Priority, StunAttributeType.IceControlled,
             StunAttributeType.Username, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint],
            types);
        Assert.Equal([16, 4, 8, 9, 20, 4], lengths);
    }

    [Theory]
    [InlineData(nameof(Rfc5769.SampleIPv4Response), "192.0.2.1")]
    [InlineData(nameof(Rfc5769.SampleIPv6Response), "2001:db8:1234:5678:11:2233:4455:6677")]
    public void Rfc5769_sample_response_fields(string vector, string mappedAddress)
    {
        Assert.True(StunMessage.TryParse(Rfc5769.ShortTermVector(vector), out var message));

        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.Equal(0x0101, message.MessageType);
        Assert.True(message.TryGetSoftware(out var software));
        Assert.Equal("test vector", Encoding.UTF8.GetString(software));
        Assert.True(message.TryGetXorMappedAddress(out var address));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(mappedAddress), 32853), address.ToEndPoint());
        Assert.False(message.TryGetMappedAddress(out _));
    }

    [Fact]
    public void Rfc5769_long_term_request_verifies_under_the_md5_key()
    {
        Assert.True(StunMessage.TryParse(Rfc5769.SampleLongTermRequest, out var message));

        Assert.True(message.VerifyMessageIntegrity(Rfc5769.LongTermKey()));
        Assert.False(message.HasFingerprint);
        Assert.False(message.VerifyFingerprint());
        Assert.True(message.TryGetUsername(out var username));
        Assert.Equal(Rfc5769.LongTermUsername, Encoding.UTF8.GetString(username));
        Assert.True(message.TryGetAttribute(StunAttributeType.Realm, out var realm));
        Assert.Equal(Rfc5769.LongTermRealm, Encoding.UTF8.GetString(realm));
        Assert.True(message.TryGetAttribute(StunAttributeType.Nonce, out var nonce));
        Assert.Equal(Rfc5769.LongTermNonce, Encoding.UTF8.GetString(nonce));
    }

    [Fact]
    public void Rfc5769_long_term_request_with_a_flipped_nonce_bit_fails_integrity()
    {
        var tampered = (byte[])Rfc5769.SampleLongTermRequest.Clone();
        tampered[50] ^= 0x01;

        Assert.True(StunMessage.TryParse(tampered, out var message));
        Assert.False(message.VerifyMessageIntegrity(Rfc5769.LongTermKey()));
    }

    [Fact]
    public void Verification_fails_when_the_attributes_are_absent()
    {
        var bytes = new byte[StunHeader.Size];
        var writer = new StunWriter(bytes, 0x0001, Rfc5769.TransactionId, 0);
        Assert.Equal(StunHeader.Size, writer.Length);

        Assert.True(StunMessage.TryParse(bytes, out var message));
        Assert.False(message.HasMessageIntegrity);
        Assert.False(message.VerifyMessageIntegrity(Rfc5769.ShortTermKey));
        Assert.False(message.HasFingerprint);
        Assert.False(message.VerifyFingerprint());
    }
}
