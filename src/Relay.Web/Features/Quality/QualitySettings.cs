namespace Relay.Web.Features.Quality;

/// <summary>The "Quality" configuration section.</summary>
public sealed class QualitySettings
{
    public const string SectionName = "Quality";

    /// <summary>
    /// Quality samples (a row per party every two seconds of every call: some 3,600 an hour of
    /// calling) older than this many days are deleted; 0 keeps them for ever. Longer than the
    /// recordings' default, so a recording's timeline outlives it.
    /// </summary>
    public int SampleRetentionDays { get; set; } = 90;
}
