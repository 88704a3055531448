using System.Text.RegularExpressions;
using Relay.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Relay.EndToEnd.Tests.Chat;

public sealed partial class ChatInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "browser test password";

    [Fact]
    public async Task Two_people_register_and_chat_in_real_time_without_reloading()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var alice = await fixture.OpenUserAsync("alice-" + suffix);
        await using var bob = await fixture.OpenUserAsync("bob-" + suffix);
        await alice.RegisterAsync(Password);
        await bob.RegisterAsync(Password);

        // Alice opens the private conversation with Bob; Bob, already on his chat list, sees it appear and opens it.
        await alice.Page.GotoAsync($"/chat/with/{bob.Name}");
        await alice.WaitForChatReadyAsync();
        await Expect(alice.ByTestId("conversation-title")).ToHaveTextAsync(bob.Name);
        await Expect(alice.ByTestId("call-voice")).ToBeVisibleAsync();
        await Expect(alice.ByTestId("call-video")).ToBeEnabledAsync();
        await bob.WaitForChatReadyAsync();
        await alice.ByTestId("message-input").FillAsync("Hi Bob, this is Alice");
        await alice.ByTestId("message-send").ClickAsync();

        var bobItem = bob.ByTestId("conversation-item").Filter(new() { HasText = alice.Name });
        await Expect(bobItem).ToContainTextAsync("Hi Bob, this is Alice");
        await Expect(bobItem.GetByTestId("unread-count")).ToHaveTextAsync("1");
        await bobItem.ClickAsync();
        await bob.WaitForChatReadyAsync();
        await Expect(bob.ByTestId("message-item")).ToHaveTextAsync([new Regex("Hi Bob, this is Alice")]);

        // Now both have the conversation open: messages arrive live in both directions.
        var bobUrl = bob.Page.Url;
        await bob.ByTestId("message-input").FillAsync("Hello Alice!\nTwo lines, even.");
        await bob.ByTestId("message-input").PressAsync("Enter");
        await Expect(alice.ByTestId("message-item").Last).ToContainTextAsync("Two lines, even.");
        await alice.ByTestId("message-input").FillAsync("Got it 👍");
        await alice.ByTestId("message-send").ClickAsync();
        await Expect(bob.ByTestId("message-item").Last).ToContainTextAsync("Got it 👍");
        Assert.Equal(bobUrl, bob.Page.Url);
        await Expect(bob.ByTestId("message-item")).ToHaveCountAsync(3);
        await Expect(alice.Page.Locator("#seen-mark")).ToBeVisibleAsync();

        await alice.ScreenshotAsync("chat-alice.png");
        await bob.ScreenshotAsync("chat-bob.png");

        // The same account on a phone-sized screen shows one pane at a time.
        await using var bobPhone = await fixture.OpenUserAsync(bob.Name, new ViewportSize { Width = 390, Height = 844 });
        await bobPhone.Page.GotoAsync("/login");
        await bobPhone.ByTestId("login-user").FillAsync(bob.Name);
        await bobPhone.ByTestId("login-password").FillAsync(Password);
        await bobPhone.ByTestId("login-submit").ClickAsync();
        await bobPhone.Page.WaitForURLAsync("**/chat");
        await bobPhone.WaitForChatReadyAsync();
        await bobPhone.ScreenshotAsync("chat-list-phone.png");
        await bobPhone.ByTestId("conversation-item").First.ClickAsync();
        await bobPhone.WaitForChatReadyAsync();
        await Expect(bobPhone.Page.Locator(".sidebar")).ToBeHiddenAsync();
        await Expect(bobPhone.ByTestId("message-item")).ToHaveCountAsync(3);
        await Expect(bobPhone.Page.Locator("#seen-mark")).ToBeHiddenAsync();
        await bobPhone.ScreenshotAsync("chat-pane-phone.png");

        Assert.Empty(alice.Errors);
        Assert.Empty(bob.Errors);
        Assert.Empty(bobPhone.Errors);
    }

    [Fact]
    public async Task A_refused_message_is_explained_in_the_page()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var carol = await fixture.OpenUserAsync("carol-" + suffix);
        await using var dan = await fixture.OpenUserAsync("dan-" + suffix);
        await dan.RegisterAsync(Password);
        await carol.RegisterAsync(Password);
        await carol.Page.GotoAsync($"/chat/with/{dan.Name}");
        await carol.WaitForChatReadyAsync();

        // The textarea's maxlength stops typing; a pasted control character reaches the server and is refused there.
        await carol.ByTestId("message-input").FillAsync("bell \u0007 ring");
        await carol.ByTestId("message-send").ClickAsync();

        await Expect(carol.Page.Locator("#composer-error")).ToHaveTextAsync("The message contains control characters.");
        await Expect(carol.ByTestId("message-item")).ToHaveCountAsync(0);
        await carol.ScreenshotAsync("chat-refused.png");
    }
}
