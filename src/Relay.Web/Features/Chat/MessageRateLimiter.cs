using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Relay.Web.Features.Chat;

/// <summary>A token bucket per user, shared by all of that user's connections on this node.</summary>
public sealed class MessageRateLimiter(IOptions<ChatOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        userId => RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.RateLimitBurst,
            TokensPerPeriod = options.Value.RateLimitPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public bool TryAcquire(string userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
