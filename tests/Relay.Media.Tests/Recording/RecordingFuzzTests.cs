using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

/// <summary>Random and damaged input: parsers say no, the finaliser never throws on a bad file.</summary>
public sealed class RecordingFuzzTests : IDisposable
{
    private readonly string _path = WebmFixture.TempPath();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Random_payloads_never_throw_out_of_the_vp8_parsers()
    {
        var random = new Random(7741);
        var depacketizer = new Vp8Depacketizer();
        for (var i = 0; i < 20_000; i++)
        {
            var payload = new byte[random.Next(0, 40)];
            random.NextBytes(payload);
            if (Vp8PayloadDescriptor.TryParse(payload, out var descriptor))
            {
                Assert.InRange(descriptor.Length, 1, payload.Length - 1);
                Assert.Equal(payload.Length - descriptor.Length, descriptor.Payload.Length);
            }

            Vp8FrameHeader.TryReadKeyFrameSize(payload, out _, out _);
            depacketizer.Push(random.Next(0, 4) == 0 ? i + 2 : i, i / 3, random.Next(0, 3) == 0, payload);
            EbmlReader.TryReadHeader(payload, out _);
            OpusPacket.GetSampleCount(payload);
        }
    }

    [Fact]
    public void A_damaged_file_is_refused_or_finished_never_thrown_on()
    {
        byte[] good;
        using (var stream = new MemoryStream())
        {
            using (WebmFixture.Write(stream, seconds: 1))
            {
            }

            good = stream.ToArray();
        }

        var random = new Random(8794);
        for (var i = 0; i < 300; i++)
        {
            var damaged = (byte[])good.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            File.WriteAllBytes(_path, damaged[..random.Next(damaged.Length / 2, damaged.Length + 1)]);
            if (WebmFinalizer.TryFinalize(_path, out var summary))
            {
                Assert.InRange(summary.FileSize, 1, damaged.Length + 10_000);
            }
        }
    }
}
