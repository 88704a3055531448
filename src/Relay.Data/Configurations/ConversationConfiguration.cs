using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Relay.Data.Entities;

namespace Relay.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Title).HasMaxLength(DataLimits.ConversationTitleLength);
        builder.Property(c => c.PrivateKey).HasMaxLength(200);
        builder.HasIndex(c => c.PrivateKey).IsUnique();
        builder.HasIndex(c => c.LastActivityAt);
    }
}
