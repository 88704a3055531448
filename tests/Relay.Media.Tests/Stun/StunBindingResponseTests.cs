using System.Net;
using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class StunBindingResponseTests
{
    private static readonly byte[] Key = "a-22-character-ice-pwd"u8.ToArray();

    // Parse → write → byte-equal: the writer rebuilds the RFC 5769 responses exactly, given the
    // vectors' 0x20 padding.
    [Theory]
    [InlineData(nameof(Rfc5769.SampleIPv4Response))]
    [InlineData(nameof(Rfc5769.SampleIPv6Response))]
    public void Rebuilds_the_rfc5769_response_byte_for_byte(string vector)
    {
        var expected = Rfc5769.ShortTermVector(vector);
        Assert.True(StunMessage.TryParse(expected, out var parsed));
        Assert.True(parsed.TryGetXorMappedAddress(out var mapped));
        Assert.True(parsed.TryGetSoftware(out var software));

        var response = new StunBindingResponse(parsed.TransactionId, mapped)
        {
            Software = software,
            IntegrityKey = Rfc5769.ShortTermKey,
            PaddingByte = 0x20,
        };
        var buffer = new byte[response.GetSize()];

        Assert.True(response.TryWriteTo(buffer, out var written));
        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, buffer);
    }

    [Theory]
    [InlineData("203.0.113.45", 51234)]
    [InlineData("2001:db8::1", 443)]
    [InlineData("::ffff:192.0.2.7", 3478)]
    public void Written_response_parses_back_and_verifies(string address, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(address), port);
        var response = new StunBindingResponse(Rfc5769.TransactionId, StunAddress.FromEndPoint(endPoint)) { IntegrityKey = Key };
        var buffer = new byte[response.GetSize()];
        Assert.True(response.TryWriteTo(buffer, out var written));

        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, written), out var message));
        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.Equal(Rfc5769.TransactionId, message.TransactionId.ToArray());
        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.True(message.VerifyFingerprint());
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        var expected = endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), port) : endPoint;
        Assert.Equal(expected, mapped.ToEndPoint());
    }

    [Fact]
    public void Without_a_key_there_is_no_message_integrity()
    {
        var response = new StunBindingResponse(Rfc5769.TransactionId, StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, 9)));
        var buffer = new byte[response.GetSize()];
        Assert.True(response.TryWriteTo(buffer, out var written));

        Assert.Equal(20 + 12 + 8, written);
        Assert.True(StunMessage.TryParse(buffer, out var message));
        Assert.False(message.HasMessageIntegrity);
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void A_destination_one_byte_short_is_refused_untouched()
    {
        var response = new StunBindingResponse(Rfc5769.TransactionId, StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, 9))) { IntegrityKey = Key };
        var buffer = new byte[response.GetSize() - 1];

        Assert.False(response.TryWriteTo(buffer, out var written));
        Assert.Equal(0, written);
        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_transaction_id_that_is_not_12_bytes_throws()
    {
        var buffer = new byte[128];

        Assert.Throws<ArgumentException>(() =>
            new StunBindingResponse(new byte[11], default(StunAddress)).TryWriteTo(buffer, out _));
    }

    // The ICE-lite answer path: parse a check, verify it, write the response. No allocation.
    [Fact]
    public void Answering_a_check_allocates_nothing()
    {
        var request = Rfc5769.SampleRequest;
        var key = Rfc5769.ShortTermKey;
        var mapped = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853));
        var destination = new byte[128];

        var allocated = SteadyStateAllocation.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                Answer(request, key, mapped, destination);
            }
        });

        Assert.Equal(0, allocated);
    }

    private static void Answer(byte[] request, byte[] key, StunAddress mapped, byte[] destination)
    {
        Assert.True(StunMessage.TryParse(request, out var message));
        Assert.True(message.VerifyFingerprint());
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.True(message.TryGetUsername(out var username));
        Assert.True(IceUsername.TrySplit(username, out _, out _));
        var response = new StunBindingResponse(message.TransactionId, mapped) { IntegrityKey = key };
        Assert.True(response.TryWriteTo(destination, out _));
    }
}
