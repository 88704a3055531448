namespace Relay.Web.Features.Calls;

/// <summary>The "Calls" configuration section.</summary>
public sealed class CallOptions
{
    public const string SectionName = "Calls";

    /// <summary>How long a call rings before it counts as missed.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an accepted call may take to get media flowing from both browsers.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
