using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Relay.Data.Entities;

namespace Relay.Data;

/// <summary>
/// The application's model. Each provider derives its own context type so that it owns its
/// own migration set (Migrations/Sqlite, Migrations/SqlServer); the model itself is shared.
/// </summary>
public abstract class RelayDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<CallRecord> Calls => Set<CallRecord>();

    public DbSet<Recording> Recordings => Set<Recording>();

    public DbSet<QualitySample> QualitySamples => Set<QualitySample>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RelayDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite stores DateTime as text without a kind; every time we store is UTC, so say so on the way back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
