using Microsoft.EntityFrameworkCore;
using Relay.Data.Entities;
using Relay.Web.Features.Quality;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Quality;

/// <summary>The quality samples' retention job on a real server and its SQLite database.</summary>
public sealed class QualityRetentionTests
{
    [Fact]
    public async Task Retention_deletes_samples_older_than_the_limit_in_batches_and_keeps_newer_ones()
    {
        await using var server = await RelayServer.StartAsync("--Quality:SampleRetentionDays", "30");
        var (callId, userId) = await CallParties.EndedCallAsync(server);
        // More old rows than one delete batch holds, so the job must come back for the rest.
        await AddSamplesAsync(server, callId, userId, DateTime.UtcNow.AddDays(-31), 5_003);
        await AddSamplesAsync(server, callId, userId, DateTime.UtcNow.AddDays(-29), 7);

        await RunRetentionAsync(server);

        var left = await server.QueryAsync(db => db.QualitySamples.Where(s => s.CallId == callId).Select(s => s.At).ToListAsync());
        Assert.Equal(7, left.Count);
        Assert.All(left, at => Assert.True(at > DateTime.UtcNow.AddDays(-30)));
    }

    [Fact]
    public async Task Zero_days_keeps_every_sample()
    {
        await using var server = await RelayServer.StartAsync("--Quality:SampleRetentionDays", "0");
        var (callId, userId) = await CallParties.EndedCallAsync(server);
        await AddSamplesAsync(server, callId, userId, DateTime.UtcNow.AddDays(-400), 3);

        await RunRetentionAsync(server);

        Assert.Equal(3, await server.QueryAsync(db => db.QualitySamples.CountAsync(s => s.CallId == callId)));
    }

    private static async Task RunRetentionAsync(RelayServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<QualityJobs>().ApplyRetentionAsync();
    }

    private static Task<int> AddSamplesAsync(RelayServer server, Guid callId, string userId, DateTime around, int count) =>
        server.QueryAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.QualitySamples.Add(new QualitySample { CallId = callId, UserId = userId, At = around.AddSeconds(i * 2), BitrateIn = 1000 });
            }

            return await db.SaveChangesAsync();
        });
}
