namespace Relay.Testing.Browser;

/// <summary>One person's browser window, collecting the page's script errors so a test can assert there were none.</summary>
public sealed class UserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public UserPage(string name, IBrowserContext context, IPage page)
    {
        Name = name;
        _context = context;
        Page = page;
        page.PageError += (_, error) => Errors.Add($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"console: {message.Text}");
            }
        };
    }

    public string Name { get; }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public ILocator ByTestId(string id) => Page.GetByTestId(id);

    public async Task RegisterAsync(string password)
    {
        await Page.GotoAsync("/register");
        await ByTestId("register-user").FillAsync(Name);
        await ByTestId("register-password").FillAsync(password);
        await ByTestId("register-confirm").FillAsync(password);
        await ByTestId("register-submit").ClickAsync();
        await Page.WaitForURLAsync("**/chat");
    }

    /// <summary>Waits until chat.js has loaded the lists and the hub connection is up.</summary>
    public Task WaitForChatReadyAsync() =>
        Page.Locator("#chat[data-ready='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

    public async Task ScreenshotAsync(string fileName)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, fileName), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
