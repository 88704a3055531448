namespace Relay.Media.Recording;

/// <summary>Sizes of the slots a WebM file reserves when it is started and fills in when it is finalised.</summary>
internal static class WebmLayout
{
    /// <summary>Room at the segment's start for the SeekHead (Info, Tracks, Cues) and the Void that pads it.</summary>
    public const int SeekHeadReserve = 96;

    /// <summary>A Duration element: 2-octet ID, 1-octet size, 8-octet double. A Void of this size holds its place.</summary>
    public const int DurationElementLength = 11;

    /// <summary>Segment and Cluster sizes are written unknown in 8 octets, then patched in place.</summary>
    public const int PatchedSizeWidth = 8;

    /// <summary>Octets of the video PixelWidth and PixelHeight values, patched when the first key frame gives them.</summary>
    public const int PixelSizeWidth = 2;

    public const ulong TimecodeScaleNanoseconds = 1_000_000;

    /// <summary>Opus decoders need 80 ms of audio before a seek point to converge (RFC 7845 §4.6; Matroska's Opus mapping).</summary>
    public const ulong OpusSeekPreRollNanoseconds = 80_000_000;

    public const string AppName = "MediaRelay";

    public const string DocType = "webm";
}
