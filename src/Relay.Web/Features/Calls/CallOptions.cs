namespace Relay.Web.Features.Calls;

/// <summary>The "Calls" configuration section.</summary>
public sealed class CallOptions
{
    public const string SectionName = "Calls";

    /// <summary>How long a call rings before it counts as missed.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an accepted call may take to get media flowing from both browsers.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a connected call waits for a party whose network dropped (its hub connection was
    /// lost, or its media leg failed) to come back before it ends as failed; zero ends it at once.
    /// </summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(60);
}
