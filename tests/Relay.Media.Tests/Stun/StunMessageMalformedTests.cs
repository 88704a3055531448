using System.Buffers.Binary;
using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class StunMessageMalformedTests
{
    private static StunParseError ParseError(ReadOnlySpan<byte> bytes)
    {
        var parsed = StunMessage.TryParse(bytes, out _, out var error);
        Assert.Equal(parsed, error == StunParseError.None);
        return error;
    }

    private static byte[] SampleRequest() => (byte[])Rfc5769.SampleRequest.Clone();

    [Fact]
    public void Empty_input_is_too_short() => Assert.Equal(StunParseError.TooShort, ParseError([]));

    [Fact]
    public void Every_truncation_of_a_valid_message_is_rejected()
    {
        var bytes = Rfc5769.SampleRequest;
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(StunMessage.TryParse(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Fact]
    public void A_header_alone_with_zero_length_is_a_message()
    {
        var bytes = Rfc5769.SampleRequest.AsSpan(0, StunHeader.Size).ToArray();
        bytes[3] = 0;

        Assert.Equal(StunParseError.None, ParseError(bytes));
    }

    [Fact]
    public void Trailing_bytes_after_the_message_are_rejected()
    {
        var bytes = new byte[Rfc5769.SampleRequest.Length + 4];
        Rfc5769.SampleRequest.CopyTo(bytes, 0);

        Assert.Equal(StunParseError.LengthMismatch, ParseError(bytes));
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x80)]
    [InlineData(0xC0)]
    public void Top_two_bits_set_is_not_stun(byte topBits)
    {
        var bytes = SampleRequest();
        bytes[0] |= topBits;

        Assert.Equal(StunParseError.NotStun, ParseError(bytes));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_wrong_magic_cookie_is_rejected(int index)
    {
        var bytes = SampleRequest();
        bytes[index] ^= 0x01;

        Assert.Equal(StunParseError.BadMagicCookie, ParseError(bytes));
    }

    [Theory]
    [InlineData(0x57)]
    [InlineData(0x59)]
    [InlineData(0x5A)]
    [InlineData(0x5B)]
    public void A_length_not_a_multiple_of_4_is_rejected(byte length)
    {
        var bytes = SampleRequest();
        bytes[3] = length;

        Assert.Equal(StunParseError.LengthNotMultipleOf4, ParseError(bytes));
    }

    [Theory]
    [InlineData(0x54)]
    [InlineData(0x5C)]
    [InlineData(0xFC)]
    public void A_length_that_disagrees_with_the_datagram_is_rejected(byte length)
    {
        var bytes = SampleRequest();
        bytes[3] = length;

        Assert.Equal(StunParseError.LengthMismatch, ParseError(bytes));
    }

    [Theory]
    [InlineData(0x0011)] // framing shifts into the PRIORITY value, which reads as a 511-byte attribute
    [InlineData(0x0100)]
    [InlineData(0xFFFF)]
    public void An_attribute_running_past_the_message_is_rejected(ushort softwareLength)
    {
        var bytes = SampleRequest();
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(22), softwareLength);

        Assert.False(StunMessage.TryParse(bytes, out _));
    }

    [Fact]
    public void The_last_attribute_running_past_the_message_is_an_overrun()
    {
        var bytes = SampleRequest();
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(bytes.Length - 6), 5); // FINGERPRINT length 5 → 8 bytes

        Assert.Equal(StunParseError.AttributeOverrun, ParseError(bytes));
    }

    [Fact]
    public void An_attribute_header_with_a_length_past_the_end_is_an_overrun()
    {
        // A header-only message with one attribute whose value claims 4 bytes but none follow.
        byte[] bytes = [.. Rfc5769.SampleRequest.AsSpan(0, StunHeader.Size), 0x80, 0x22, 0x00, 0x04];
        bytes[3] = 4;

        Assert.Equal(StunParseError.AttributeOverrun, ParseError(bytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(32)]
    public void Message_integrity_of_a_wrong_length_is_rejected(ushort length)
    {
        // Header, then MESSAGE-INTEGRITY of `length` bytes (padded).
        var valueSize = (length + 3) & ~3;
        var bytes = new byte[StunHeader.Size + 4 + valueSize];
        Rfc5769.SampleRequest.AsSpan(0, StunHeader.Size).CopyTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)(4 + valueSize));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(20), (ushort)StunAttributeType.MessageIntegrity);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(22), length);

        Assert.Equal(StunParseError.BadMessageIntegrityLength, ParseError(bytes));
    }

    [Fact]
    public void Fingerprint_of_a_wrong_length_is_rejected()
    {
        byte[] bytes = [.. Rfc5769.SampleRequest.AsSpan(0, StunHeader.Size), 0x80, 0x28, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
        bytes[3] = 12;

        Assert.Equal(StunParseError.BadFingerprintLength, ParseError(bytes));
    }

    [Fact]
    public void An_attribute_after_fingerprint_is_rejected()
    {
        byte[] bytes = [.. Rfc5769.SampleRequest, 0x00, 0x25, 0x00, 0x00]; // USE-CANDIDATE after FINGERPRINT
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)(bytes.Length - StunHeader.Size));

        Assert.Equal(StunParseError.AttributeAfterFingerprint, ParseError(bytes));
    }

    [Fact]
    public void Typed_getters_reject_attributes_of_the_wrong_size()
    {
        var buffer = new byte[128];
        var writer = new StunWriter(buffer, 0x0001, Rfc5769.TransactionId, 0);
        writer.WriteAttribute(StunAttributeType.Priority, [1, 2, 3]);
        writer.WriteAttribute(StunAttributeType.IceControlling, [1, 2, 3, 4]);
        writer.WriteAttribute(StunAttributeType.IceControlled, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        writer.WriteAttribute(StunAttributeType.UseCandidate, [1]);
        writer.WriteAttribute(StunAttributeType.XorMappedAddress, [0, 1, 0, 0, 1, 2, 3]);
        writer.WriteAttribute(StunAttributeType.MappedAddress, [0, 2, 0, 0, 1, 2, 3, 4]);
        writer.WriteAttribute(StunAttributeType.ErrorCode, [0, 0, 4]);

        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, writer.Length), out var message));
        Assert.False(message.TryGetPriority(out _));
        Assert.False(message.TryGetIceControlling(out _));
        Assert.False(message.TryGetIceControlled(out _));
        Assert.False(message.HasUseCandidate);
        Assert.False(message.TryGetXorMappedAddress(out _));
        Assert.False(message.TryGetMappedAddress(out _));
        Assert.False(message.TryGetErrorCode(out _, out _));
    }

    [Theory]
    [InlineData(2, 99)]
    [InlineData(7, 0)]
    [InlineData(4, 100)]
    public void Error_codes_out_of_range_are_rejected(byte errorClass, byte number)
    {
        var buffer = new byte[64];
        var writer = new StunWriter(buffer, 0x0111, Rfc5769.TransactionId, 0);
        writer.WriteAttribute(StunAttributeType.ErrorCode, [0, 0, errorClass, number]);

        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, writer.Length), out var message));
        Assert.False(message.TryGetErrorCode(out _, out _));
    }
}
