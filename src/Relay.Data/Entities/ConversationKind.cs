namespace Relay.Data.Entities;

public enum ConversationKind
{
    Private = 0,
    Group = 1,
}
