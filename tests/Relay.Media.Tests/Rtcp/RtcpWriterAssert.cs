using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

/// <summary>Runs a writer the way production code does and checks the size contract.</summary>
internal static class RtcpWriterAssert
{
    /// <summary>Writes into an oversized buffer, checks Size = written, and that one byte less is refused.</summary>
    internal static byte[] Write<T>(T writer)
        where T : IRtcpWriter, allows ref struct
    {
        var size = writer.Size;
        Assert.Equal(0, size % 4);
        Assert.False(writer.TryWriteTo(new byte[size - 1], out var none));
        Assert.Equal(0, none);

        // Garbage in the destination must not leak into reserved or padding bytes.
        var buffer = new byte[size + 8];
        Array.Fill(buffer, (byte)0xEE);
        Assert.True(writer.TryWriteTo(buffer, out var written));
        Assert.Equal(size, written);
        return buffer[..written];
    }
}
