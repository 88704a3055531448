using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class StunMessageTypeTests
{
    // Values from RFC 8489 §5 and §6 (Binding) and, for the interleaving of higher method bits,
    // TURN's methods (RFC 8656 §17).
    [Theory]
    [InlineData(0x001, StunClass.Request, 0x0001)]
    [InlineData(0x001, StunClass.Indication, 0x0011)]
    [InlineData(0x001, StunClass.SuccessResponse, 0x0101)]
    [InlineData(0x001, StunClass.ErrorResponse, 0x0111)]
    [InlineData(0x003, StunClass.SuccessResponse, 0x0103)]
    [InlineData(0x007, StunClass.Indication, 0x0017)]
    [InlineData(0x009, StunClass.ErrorResponse, 0x0119)]
    [InlineData(0x080, StunClass.Request, 0x0200)]
    [InlineData(0xFFF, StunClass.ErrorResponse, 0x3FFF)]
    public void Compose_and_split_agree_with_the_rfc(int method, StunClass messageClass, int messageType)
    {
        Assert.Equal(messageType, StunMessageType.Compose((StunMethod)method, messageClass));
        Assert.Equal((StunMethod)method, StunMessageType.GetMethod((ushort)messageType));
        Assert.Equal(messageClass, StunMessageType.GetClass((ushort)messageType));
    }

    [Fact]
    public void Every_method_and_class_round_trips()
    {
        for (var method = 0; method <= 0xFFF; method++)
        {
            foreach (var messageClass in Enum.GetValues<StunClass>())
            {
                var type = StunMessageType.Compose((StunMethod)method, messageClass);
                Assert.Equal(0, type & 0xC000);
                Assert.Equal((StunMethod)method, StunMessageType.GetMethod(type));
                Assert.Equal(messageClass, StunMessageType.GetClass(type));
            }
        }
    }
}
