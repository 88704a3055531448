using Relay.Network.Tests.Bed;

namespace Relay.Network.Tests;

/// <summary>
/// A bed, or a skipped test saying why there is none, except on CI (CI=true), where a machine
/// that cannot build the bed fails the run: CI must always run these tests.
/// </summary>
public static class BedRequirement
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<NetworkTestBed> CreateAsync(NetworkCondition condition)
    {
        try
        {
            return await NetworkTestBed.CreateAsync(condition);
        }
        catch (BedUnavailableException e) when (!IsCi)
        {
            throw new SkipException($"network test bed unavailable: {e.Message}");
        }
        catch (BedUnavailableException e)
        {
            throw new InvalidOperationException($"CI=true, so the network test bed must run here, but: {e.Message}", e);
        }
    }
}
