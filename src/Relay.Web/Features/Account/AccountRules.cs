namespace Relay.Web.Features.Account;

internal static class AccountRules
{
    public const int MinPasswordLength = 8;

    public const int MinUserNameLength = 3;

    public const int MaxUserNameLength = 32;

    public const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";

    public const string UserNamePattern = "^[A-Za-z0-9._-]+$";
}
