using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Relay.Data.Entities;

namespace Relay.Data.Configurations;

internal sealed class CallConfiguration : IEntityTypeConfiguration<CallRecord>
{
    public void Configure(EntityTypeBuilder<CallRecord> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne(c => c.Conversation).WithMany().HasForeignKey(c => c.ConversationId);
        // History outlives accounts' other rows: deleting a user must not silently erase the other party's history.
        builder.HasOne(c => c.Caller).WithMany().HasForeignKey(c => c.CallerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Callee).WithMany().HasForeignKey(c => c.CalleeId).OnDelete(DeleteBehavior.Restrict);
        // The history page lists one user's calls, newest first.
        builder.HasIndex(c => new { c.CallerId, c.CreatedAt });
        builder.HasIndex(c => new { c.CalleeId, c.CreatedAt });
        builder.HasIndex(c => c.State);
    }
}
