using System.Text.Json.Serialization;

namespace Relay.Data.Entities;

/// <summary>Sent to browsers by name ("Private", "Group"), through the hub and the JSON API alike.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConversationKind>))]
public enum ConversationKind
{
    Private = 0,
    Group = 1,
}
