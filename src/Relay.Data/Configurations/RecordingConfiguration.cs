using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Relay.Data.Entities;

namespace Relay.Data.Configurations;

internal sealed class RecordingConfiguration : IEntityTypeConfiguration<Recording>
{
    public void Configure(EntityTypeBuilder<Recording> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasOne(r => r.Call).WithMany().HasForeignKey(r => r.CallId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.FilePath).HasMaxLength(DataLimits.RecordingPathLength);
        builder.Property(r => r.Format).HasMaxLength(16);
        builder.Property(r => r.FailureReason).HasMaxLength(DataLimits.RecordingFailureLength);
        // The jobs look for unfinished and old recordings; the pages for a call's recordings.
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.CreatedAt);
        builder.HasIndex(r => new { r.CallId, r.SessionId });
    }
}
