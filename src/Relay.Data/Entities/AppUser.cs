using Microsoft.AspNetCore.Identity;

namespace Relay.Data.Entities;

/// <summary>An account. The Identity user name doubles as the name people search for and see.</summary>
public sealed class AppUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    public ICollection<ConversationMember> Memberships { get; } = [];
}
