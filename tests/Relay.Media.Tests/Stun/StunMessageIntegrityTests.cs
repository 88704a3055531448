using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

// RFC 8489 §14.5 corner cases the RFC 5769 vectors do not reach.
public class StunMessageIntegrityTests
{
    private static readonly byte[] Key = "a-22-character-ice-pwd"u8.ToArray();

    // A request with SOFTWARE slipped in between MESSAGE-INTEGRITY and FINGERPRINT, as an
    // attacker might: the HMAC still verifies (its length field ends at MESSAGE-INTEGRITY), and
    // the unauthenticated SOFTWARE is invisible to lookups and enumeration.
    private static byte[] RequestWithAttributeAfterIntegrity()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.Compose(StunMethod.Binding, StunClass.Request), Rfc5769.TransactionId, 0);
        writer.WriteAttribute(StunAttributeType.Username, "abcd:efgh"u8);
        writer.WriteMessageIntegrity(Key);
        writer.WriteAttribute(StunAttributeType.Software, "injected"u8);
        writer.WriteFingerprint();
        return buffer[..writer.Length];
    }

    [Fact]
    public void Integrity_ignores_attributes_between_it_and_fingerprint()
    {
        Assert.True(StunMessage.TryParse(RequestWithAttributeAfterIntegrity(), out var message));

        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Attributes_after_integrity_are_not_visible()
    {
        Assert.True(StunMessage.TryParse(RequestWithAttributeAfterIntegrity(), out var message));

        Assert.False(message.TryGetSoftware(out _));
        var types = new List<StunAttributeType>();
        foreach (var attribute in message.GetAttributes())
        {
            types.Add(attribute.Type);
        }

        Assert.Equal([StunAttributeType.Username, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint], types);
    }

    [Fact]
    public void Only_the_first_message_integrity_counts()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.Compose(StunMethod.Binding, StunClass.Request), Rfc5769.TransactionId, 0);
        writer.WriteAttribute(StunAttributeType.Username, "abcd:efgh"u8);
        writer.WriteMessageIntegrity(Key);
        writer.WriteMessageIntegrity("another key"u8);
        writer.WriteFingerprint();

        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, writer.Length), out var message));
        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.False(message.VerifyMessageIntegrity("another key"u8));
    }

    [Fact]
    public void Integrity_without_fingerprint_verifies_in_place()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.Compose(StunMethod.Binding, StunClass.Request), Rfc5769.TransactionId, 0);
        writer.WriteAttribute(StunAttributeType.Username, "abcd:efgh"u8);
        writer.WriteMessageIntegrity(Key);

        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, writer.Length), out var message));
        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.False(message.HasFingerprint);
    }

    // Past the stack-copy limit the covered bytes are copied into a pooled buffer instead.
    [Fact]
    public void Integrity_of_a_large_message_verifies()
    {
        var software = new byte[StunWriter.MaxTextLength];
        Array.Fill(software, (byte)'x');
        var request = new StunBindingRequest(Rfc5769.TransactionId) { Software = software, Username = "abcd:efgh"u8, IntegrityKey = Key };
        var buffer = new byte[request.GetSize()];
        Assert.True(request.TryWriteTo(buffer, out _));

        Assert.True(StunMessage.TryParse(buffer, out var message));
        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.False(message.VerifyMessageIntegrity("wrong"u8));
        Assert.True(message.VerifyFingerprint());
    }
}
