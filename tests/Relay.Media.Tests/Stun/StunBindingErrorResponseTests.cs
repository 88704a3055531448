using System.Text;
using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class StunBindingErrorResponseTests
{
    private static readonly byte[] Key = "a-22-character-ice-pwd"u8.ToArray();

    [Theory]
    [InlineData(StunErrorCode.BadRequest, "Bad Request")]
    [InlineData(StunErrorCode.Unauthenticated, "Unauthenticated")]
    [InlineData(StunErrorCode.RoleConflict, "Role Conflict")]
    [InlineData(StunErrorCode.ServerError, "Server Error")]
    public void Error_code_and_default_reason_round_trip(StunErrorCode code, string reason)
    {
        var response = new StunBindingErrorResponse(Rfc5769.TransactionId, code);
        var buffer = new byte[response.GetSize()];
        Assert.True(response.TryWriteTo(buffer, out var written));
        Assert.Equal(buffer.Length, written);

        Assert.True(StunMessage.TryParse(buffer, out var message));
        Assert.Equal(StunClass.ErrorResponse, message.Class);
        Assert.Equal(0x0111, message.MessageType);
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.True(message.TryGetErrorCode(out var parsedCode, out var parsedReason));
        Assert.Equal((int)code, parsedCode);
        Assert.Equal(reason, Encoding.UTF8.GetString(parsedReason));
        Assert.False(message.HasMessageIntegrity);
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Error_code_value_layout_follows_rfc8489_section_14_8()
    {
        var response = new StunBindingErrorResponse(Rfc5769.TransactionId, StunErrorCode.RoleConflict) { Reason = "x"u8 };
        var buffer = new byte[response.GetSize()];
        Assert.True(response.TryWriteTo(buffer, out _));

        // Header, then ERROR-CODE: type 0x0009, length 5, 0, 0, class 4, number 87, "x", padding.
        Assert.Equal(new byte[] { 0x00, 0x09, 0x00, 0x05, 0x00, 0x00, 0x04, 87, (byte)'x', 0, 0, 0 }, buffer[20..32]);
    }

    [Fact]
    public void A_role_conflict_answering_an_authenticated_check_is_signed()
    {
        var response = new StunBindingErrorResponse(Rfc5769.TransactionId, StunErrorCode.RoleConflict) { IntegrityKey = Key, Software = "relay"u8 };
        var buffer = new byte[response.GetSize()];
        Assert.True(response.TryWriteTo(buffer, out _));

        Assert.True(StunMessage.TryParse(buffer, out var message));
        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.True(message.VerifyFingerprint());
        Assert.True(message.TryGetSoftware(out var software));
        Assert.True(software.SequenceEqual("relay"u8));
    }

    [Theory]
    [InlineData(299)]
    [InlineData(700)]
    public void Codes_outside_300_to_699_throw(int code) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StunBindingErrorResponse(Rfc5769.TransactionId, (StunErrorCode)code));

    [Fact]
    public void A_destination_one_byte_short_is_refused()
    {
        var response = new StunBindingErrorResponse(Rfc5769.TransactionId, StunErrorCode.Unauthenticated);

        Assert.False(response.TryWriteTo(new byte[response.GetSize() - 1], out var written));
        Assert.Equal(0, written);
    }
}
