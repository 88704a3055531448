namespace Relay.Web.Features.Admin;

/// <summary>The "Admin" configuration section.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// The user names that hold the Admin role. The list is the whole truth: at start-up the role is
    /// granted to these accounts and taken from any other; an account registered later under one
    /// of these names gets it when it is created.
    /// </summary>
    public IList<string> UserNames { get; } = [];
}
