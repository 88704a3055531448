namespace Relay.Media.Sdp;

/// <summary>
/// Bounds on what the parser accepts. SDP comes from browsers over signaling, so a hostile
/// client must not be able to make the server parse megabytes or thousands of sections.
/// A Chromium offer with audio, video and a data channel is about 6 KiB.
/// </summary>
public static class SdpLimits
{
    public const int MaxLength = 64 * 1024;

    public const int MaxLineLength = 4096;

    public const int MaxMediaSections = 64;
}
