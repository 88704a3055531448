using Relay.Web.Features.Chat;

namespace Relay.Web.Tests.Features.Chat;

public sealed class MessageTextTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("  padded  ", "padded")]
    [InlineData("line one\r\nline two", "line one\nline two")]
    [InlineData("tab\tinside", "tab\tinside")]
    [InlineData("emoji 👩‍👩‍👧 and ß", "emoji 👩‍👩‍👧 and ß")]
    public void Acceptable_text_is_normalised(string input, string expected)
    {
        Assert.Null(MessageText.Validate(input, 100, out var normalized));
        Assert.Equal(expected, normalized);
    }

    // Built in code and not enumerated at discovery: attribute arguments and serialized test
    // cases pass through UTF-8, which would replace the lone surrogates under test.
    public static TheoryData<string, string> UnacceptableTexts => new()
    {
        { "\ud800", "The message contains invalid characters." },
        { "x\udc00y", "The message contains invalid characters." },
        { "\ude00\ud83d", "The message contains invalid characters." },
        { "esc\u001b[31m", "The message contains control characters." },
        { "c1\u0085x", "The message contains control characters." },
        { new string('a', 101), "The message is too long: at most 100 characters." },
    };

    [Theory]
    [MemberData(nameof(UnacceptableTexts), DisableDiscoveryEnumeration = true)]
    public void Unacceptable_text_is_explained(string input, string expected)
    {
        Assert.Equal(expected, MessageText.Validate(input, 100, out var normalized));
        Assert.Equal("", normalized);
    }
}
