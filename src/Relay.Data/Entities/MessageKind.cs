using System.Text.Json.Serialization;

namespace Relay.Data.Entities;

/// <summary>Sent to browsers by name, through the hub and the JSON API alike.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageKind>))]
public enum MessageKind
{
    /// <summary>Something a person wrote.</summary>
    Text = 0,

    /// <summary>The line a call leaves in its conversation ("Video call · 3:12", "Missed voice call").</summary>
    Call = 1,
}
