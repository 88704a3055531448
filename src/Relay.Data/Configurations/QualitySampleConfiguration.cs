using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Relay.Data.Entities;

namespace Relay.Data.Configurations;

internal sealed class QualitySampleConfiguration : IEntityTypeConfiguration<QualitySample>
{
    public void Configure(EntityTypeBuilder<QualitySample> builder)
    {
        builder.HasKey(s => s.Id);
        // Samples belong to their call: they go with it.
        builder.HasOne(s => s.Call).WithMany().HasForeignKey(s => s.CallId).OnDelete(DeleteBehavior.Cascade);
        // The length of Identity's user keys.
        builder.Property(s => s.UserId).HasMaxLength(450);
        // The timeline reads one call's samples in time order.
        builder.HasIndex(s => new { s.CallId, s.At });
        // Retention deletes by age across all calls.
        builder.HasIndex(s => s.At);
    }
}
