using System.Buffers.Binary;
using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

// TryParse and everything reachable from a parsed message must never throw, whatever arrives.
// Seeded, so a failure reproduces; an input that once failed belongs in the malformed tests.
public class StunMessageFuzzTests
{
    private const int Iterations = 100_000;

    [Fact]
    public void Random_buffers_never_throw()
    {
        var random = new Random(5389);
        var buffer = new byte[256];
        for (var i = 0; i < Iterations; i++)
        {
            var length = random.Next(buffer.Length + 1);
            var input = buffer.AsSpan(0, length);
            random.NextBytes(input);

            // Half the time, make the header plausible so the attribute walk is reached.
            if (length >= StunHeader.Size && random.Next(2) == 0)
            {
                input[0] &= 0x3F;
                BinaryPrimitives.WriteUInt32BigEndian(input[4..], StunHeader.MagicCookie);
                BinaryPrimitives.WriteUInt16BigEndian(input[2..], (ushort)((length - StunHeader.Size) & ~3));
                input = input[..(StunHeader.Size + ((length - StunHeader.Size) & ~3))];
            }

            Exercise(input);
        }
    }

    [Fact]
    public void Mutations_of_valid_messages_never_throw()
    {
        byte[][] seeds = [Rfc5769.SampleRequest, Rfc5769.SampleIPv4Response, Rfc5769.SampleIPv6Response, Rfc5769.SampleLongTermRequest];
        var random = new Random(8489);
        for (var i = 0; i < Iterations; i++)
        {
            var input = (byte[])seeds[i % seeds.Length].Clone();
            var mutations = random.Next(1, 5);
            for (var m = 0; m < mutations; m++)
            {
                input[random.Next(input.Length)] = (byte)random.Next(256);
            }

            Exercise(input);
        }
    }

    private static void Exercise(ReadOnlySpan<byte> input)
    {
        if (!StunMessage.TryParse(input, out var message))
        {
            return;
        }

        foreach (var attribute in message.GetAttributes())
        {
            _ = attribute.Value.Length;
        }

        _ = message.Class;
        _ = message.Method;
        _ = message.TryGetUsername(out _);
        _ = message.TryGetSoftware(out _);
        _ = message.TryGetPriority(out _);
        _ = message.HasUseCandidate;
        _ = message.TryGetIceControlling(out _);
        _ = message.TryGetIceControlled(out _);
        _ = message.TryGetXorMappedAddress(out _);
        _ = message.TryGetMappedAddress(out _);
        _ = message.TryGetErrorCode(out _, out _);
        _ = message.VerifyMessageIntegrity(Rfc5769.ShortTermKey);
        _ = message.VerifyFingerprint();
        if (message.TryGetUsername(out var username))
        {
            _ = IceUsername.TrySplit(username, out _, out _);
        }
    }
}
