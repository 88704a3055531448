namespace Relay.Data.Entities;

public enum CallType
{
    Audio = 0,
    Video = 1,
}
