namespace Relay.Media.Sessions;

public enum MediaKind
{
    Audio,
    Video,
}
