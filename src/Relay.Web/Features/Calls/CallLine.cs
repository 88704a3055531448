using System.Globalization;
using Relay.Data.Entities;

namespace Relay.Web.Features.Calls;

/// <summary>The words a call leaves in the conversation ("Video call · 3:12", "Missed voice call").</summary>
internal static class CallLine
{
    public const string EndedByAdmin = "ended by an administrator";

    public static string Describe(CallRecord call)
    {
        var kind = call.Type == CallType.Video ? "video call" : "voice call";
        var title = call.Type == CallType.Video ? "Video call" : "Voice call";
        if (call.ConnectedAt is { } connected && call.EndedAt is { } ended)
        {
            return call.EndReason == CallEndReason.EndedByAdmin
                ? $"{title} · {FormatDuration(ended - connected)} · {EndedByAdmin}"
                : $"{title} · {FormatDuration(ended - connected)}";
        }

        return call.EndReason switch
        {
            CallEndReason.EndedByAdmin => $"{title} · {EndedByAdmin}",
            CallEndReason.Missed => $"Missed {kind}",
            CallEndReason.Rejected => $"Declined {kind}",
            CallEndReason.Cancelled => $"Cancelled {kind}",
            CallEndReason.Busy => $"{title} · busy",
            _ => $"{title} · could not connect",
        };
    }

    /// <summary>m:ss under an hour, h:mm:ss above.</summary>
    public static string FormatDuration(TimeSpan duration) =>
        duration.TotalHours >= 1
            ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : duration.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
