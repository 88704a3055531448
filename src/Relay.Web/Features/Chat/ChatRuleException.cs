namespace Relay.Web.Features.Chat;

/// <summary>
/// A request the chat rules refuse. The message is written for the person using the app:
/// the hub passes it on as a HubException, the pages as a 404 or a form error.
/// </summary>
public sealed class ChatRuleException : Exception
{
    public ChatRuleException()
    {
    }

    public ChatRuleException(string message)
        : base(message)
    {
    }

    public ChatRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public const string NotAMember = "That conversation does not exist, or you are not a member of it.";
}
