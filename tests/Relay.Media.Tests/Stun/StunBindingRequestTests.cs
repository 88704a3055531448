using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class StunBindingRequestTests
{
    private static readonly byte[] Key = "a-22-character-ice-pwd"u8.ToArray();

    // Parse → write → byte-equal for RFC 5769 §2.1.
    [Fact]
    public void Rebuilds_the_rfc5769_request_byte_for_byte()
    {
        var expected = Rfc5769.SampleRequest;
        Assert.True(StunMessage.TryParse(expected, out var parsed));
        Assert.True(parsed.TryGetSoftware(out var software));
        Assert.True(parsed.TryGetPriority(out var priority));
        Assert.True(parsed.TryGetIceControlled(out var tieBreaker));
        Assert.True(parsed.TryGetUsername(out var username));

        var request = new StunBindingRequest(parsed.TransactionId)
        {
            Software = software,
            Priority = priority,
            IceControlled = tieBreaker,
            Username = username,
            IntegrityKey = Rfc5769.ShortTermKey,
            PaddingByte = 0x20,
        };
        var buffer = new byte[request.GetSize()];

        Assert.True(request.TryWriteTo(buffer, out var written));
        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, buffer);
    }

    // What Chromium sends when it nominates: USERNAME, ICE-CONTROLLING, USE-CANDIDATE, PRIORITY.
    [Fact]
    public void A_nominating_check_round_trips()
    {
        Span<byte> transactionId = stackalloc byte[StunTransactionId.Length];
        StunTransactionId.Generate(transactionId);
        var request = new StunBindingRequest(transactionId)
        {
            Username = "srvU:brwU"u8,
            IntegrityKey = Key,
            Priority = 0x7E7F00FF,
            IceControlling = 0x0123456789ABCDEF,
            UseCandidate = true,
        };
        var buffer = new byte[request.GetSize()];
        Assert.True(request.TryWriteTo(buffer, out var written));
        Assert.Equal(buffer.Length, written);

        Assert.True(StunMessage.TryParse(buffer, out var message));
        Assert.Equal(StunClass.Request, message.Class);
        Assert.True(transactionId.SequenceEqual(message.TransactionId));
        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.True(message.VerifyFingerprint());
        Assert.True(message.TryGetUsername(out var username));
        Assert.True(username.SequenceEqual("srvU:brwU"u8));
        Assert.True(message.TryGetPriority(out var priority));
        Assert.Equal(0x7E7F00FFu, priority);
        Assert.True(message.TryGetIceControlling(out var tieBreaker));
        Assert.Equal(0x0123456789ABCDEFul, tieBreaker);
        Assert.False(message.TryGetIceControlled(out _));
        Assert.True(message.HasUseCandidate);

        // Write → parse → write: the same bytes again.
        var again = new byte[buffer.Length];
        Assert.True(new StunBindingRequest(message.TransactionId)
        {
            Username = username, IntegrityKey = Key, Priority = priority, IceControlling = tieBreaker, UseCandidate = true,
        }.TryWriteTo(again, out _));
        Assert.Equal(buffer, again);
    }

    [Fact]
    public void A_bare_request_has_only_a_fingerprint()
    {
        var request = new StunBindingRequest(Rfc5769.TransactionId);
        var buffer = new byte[request.GetSize()];
        Assert.True(request.TryWriteTo(buffer, out var written));

        Assert.Equal(StunHeader.Size + 8, written);
        Assert.True(StunMessage.TryParse(buffer, out var message));
        Assert.False(message.HasMessageIntegrity);
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void A_destination_one_byte_short_is_refused()
    {
        var request = new StunBindingRequest(Rfc5769.TransactionId) { Username = "a:b"u8, IntegrityKey = Key, UseCandidate = true };

        Assert.False(request.TryWriteTo(new byte[request.GetSize() - 1], out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void A_username_of_509_bytes_or_more_is_refused()
    {
        var username = new byte[StunWriter.MaxTextLength + 1];

        Assert.Throws<ArgumentException>(() => new StunBindingRequest(Rfc5769.TransactionId) { Username = username });
    }
}
