using System.Net;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Account;

public sealed class AccountTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RelayServer Server => fixture.Server;

    [Fact]
    public async Task Registering_signs_the_user_in()
    {
        await using var user = await WebUser.RegisterAsync(Server);

        var chat = await user.Http.GetAsync("/chat");

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Contains(user.UserName, await chat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_in_with_the_right_password_succeeds_and_with_a_wrong_one_explains()
    {
        await using var registered = await WebUser.RegisterAsync(Server);
        await using var visitor = WebUser.Anonymous(Server);

        var wrong = await visitor.PostFormAsync("/login", new() { ["Input.UserName"] = registered.UserName, ["Input.Password"] = "not the password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The user name or password is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.Http.GetAsync("/chat")).StatusCode);

        var right = await visitor.PostFormAsync("/login", new() { ["Input.UserName"] = registered.UserName, ["Input.Password"] = WebUser.Password });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/chat", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync("/chat")).StatusCode);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        await using var user = await WebUser.RegisterAsync(Server);

        var response = await user.PostFormAsync("/logout", [], formPage: "/chat");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var chat = await user.Http.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.Redirect, chat.StatusCode);
        Assert.StartsWith("/login", chat.Headers.Location?.PathAndQuery ?? chat.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab", "correct horse battery", "correct horse battery", "A user name has 3 to 32 characters.")]
    [InlineData("has space", "correct horse battery", "correct horse battery", "Use letters, digits, dots, dashes and underscores only.")]
    [InlineData("validname", "short", "short", "A password has at least 8 characters.")]
    [InlineData("validname", "correct horse battery", "different", "The two passwords differ.")]
    [InlineData("validname", "aaaaaaaaaa", "aaaaaaaaaa", "Passwords must use at least 4 different characters.")]
    public async Task Registration_rejects_bad_input_with_a_clear_message(string userName, string password, string confirm, string expected)
    {
        await using var visitor = WebUser.Anonymous(Server);

        var response = await visitor.PostFormAsync("/register", new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(expected), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.QueryAsync(db => Task.FromResult(db.Users.Count(u => u.UserName == userName))));
    }

    [Fact]
    public async Task A_taken_user_name_is_refused()
    {
        await using var first = await WebUser.RegisterAsync(Server);
        await using var visitor = WebUser.Anonymous(Server);

        var response = await visitor.PostFormAsync("/register", new()
        {
            ["Input.UserName"] = first.UserName.ToUpperInvariant(),
            ["Input.Password"] = WebUser.Password,
            ["Input.ConfirmPassword"] = WebUser.Password,
        });

        Assert.Contains("That user name is taken.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        await using var visitor = WebUser.Anonymous(Server);

        var response = await visitor.Http.PostAsync("/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "csrfvictim",
            ["Input.Password"] = WebUser.Password,
            ["Input.ConfirmPassword"] = WebUser.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Server.QueryAsync(db => Task.FromResult(db.Users.Count(u => u.UserName == "csrfvictim"))));
    }

    [Theory]
    [InlineData("/chat")]
    [InlineData("/chat/groups/new")]
    public async Task Pages_send_anonymous_visitors_to_the_login_page(string path)
    {
        await using var visitor = WebUser.Anonymous(Server);

        var response = await visitor.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_api_answers_anonymous_callers_with_401()
    {
        await using var visitor = WebUser.Anonymous(Server);

        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.Http.GetAsync("/api/conversations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.Http.GetAsync("/api/users?q=a")).StatusCode);
    }
}
