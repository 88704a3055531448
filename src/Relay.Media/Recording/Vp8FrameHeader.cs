using System.Buffers.Binary;

namespace Relay.Media.Recording;

/// <summary>
/// The start of a VP8 frame (RFC 6386 §9.1; RFC 7741 §4.3): a 3-octet frame tag whose lowest bit
/// P is 0 for a key frame, and for key frames a start code 9d 01 2a followed by 14-bit width and
/// height (the top two bits of each are the upscaling mode, ignored here).
/// </summary>
internal static class Vp8FrameHeader
{
    private const int TagLength = 3;
    private const int KeyFrameHeaderLength = TagLength + 7;

    /// <summary>P = 0 in the first octet of a frame means key frame.</summary>
    public static bool IsKeyFrame(ReadOnlySpan<byte> frame) => !frame.IsEmpty && (frame[0] & 0x01) == 0;

    /// <summary>The dimensions of a key frame; false for an inter frame or a bad start code.</summary>
    public static bool TryReadKeyFrameSize(ReadOnlySpan<byte> frame, out int width, out int height)
    {
        width = 0;
        height = 0;
        if (frame.Length < KeyFrameHeaderLength || !IsKeyFrame(frame)
            || frame[3] != 0x9D || frame[4] != 0x01 || frame[5] != 0x2A)
        {
            return false;
        }

        width = BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]) & 0x3FFF;
        height = BinaryPrimitives.ReadUInt16LittleEndian(frame[8..]) & 0x3FFF;
        return width > 0 && height > 0;
    }
}
