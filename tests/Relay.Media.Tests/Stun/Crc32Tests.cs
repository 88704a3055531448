using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class Crc32Tests
{
    // The published check value of CRC-32/ISO-HDLC, and two fixed points.
    [Theory]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("", 0x00000000u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Matches_known_values(string input, uint expected) =>
        Assert.Equal(expected, Crc32.Compute(System.Text.Encoding.ASCII.GetBytes(input)));
}
