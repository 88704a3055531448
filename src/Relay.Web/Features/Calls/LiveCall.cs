using Relay.Web.Features.Quality;
using Relay.Data.Entities;

namespace Relay.Web.Features.Calls;

/// <summary>A live call as the admin view and the metrics see it: a snapshot, taken under the call's lock.</summary>
/// <param name="CallerTransport">The transport of the caller's current leg, or null before it offered.</param>
public sealed record LiveCall(
    Guid Id,
    CallType Type,
    CallState State,
    string CallerName,
    string CalleeName,
    DateTime CreatedAt,
    DateTime? AnsweredAt,
    DateTime? ConnectedAt,
    string? CallerTransport,
    string? CalleeTransport,
    LinkQualityDto? CallerQuality,
    LinkQualityDto? CalleeQuality);
