using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Relay.Web.Tests.Infrastructure;

/// <summary>A person using the app over HTTP: their own cookie jar, forms posted with the antiforgery token.</summary>
public sealed partial class WebUser : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private readonly List<HubConnection> _connections = [];

    private WebUser(RelayServer server, string userName)
    {
        Server = server;
        UserName = userName;
        Cookies = new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
    }

    public RelayServer Server { get; }

    public string UserName { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Http { get; }

    public static WebUser Anonymous(RelayServer server) => new(server, "");

    public static async Task<WebUser> RegisterAsync(RelayServer server, string? userName = null)
    {
        var user = new WebUser(server, userName ?? "u" + Guid.NewGuid().ToString("N")[..10]);
        var response = await user.PostFormAsync("/register", new()
        {
            ["Input.UserName"] = user.UserName,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/chat", response.Headers.Location?.OriginalString);
        return user;
    }

    /// <summary>GETs the form page for its antiforgery token, then posts the fields with it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await Http.GetStringAsync(formPage ?? path);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {formPage ?? path}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Opens (creating if needed) the private conversation with another user, as /chat/with/{name} does.</summary>
    public async Task<string> OpenPrivateConversationAsync(string otherUserName)
    {
        var response = await Http.GetAsync($"/chat/with/{otherUserName}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/chat/", location, StringComparison.Ordinal);
        return location["/chat/".Length..];
    }

    public async Task<HubConnection> ConnectAsync()
    {
        var connection = BuildConnection();
        await connection.StartAsync();
        _connections.Add(connection);
        return connection;
    }

    /// <summary>
    /// A hub connection whose network can be cut: <c>drop</c> aborts its WebSocket without a
    /// close handshake, as a lost network does, so the server sees it fail rather than close.
    /// </summary>
    public async Task<(HubConnection Connection, Action Drop)> ConnectDroppableAsync()
    {
        System.Net.WebSockets.ClientWebSocket? socket = null;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/chat"), o =>
            {
                o.Cookies = Cookies;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.WebSocketFactory = async (context, ct) =>
                {
                    var ws = new System.Net.WebSockets.ClientWebSocket();
                    ws.Options.Cookies = Cookies;
                    await ws.ConnectAsync(context.Uri, ct);
                    socket = ws;
                    return ws;
                };
            })
            .Build();
        await connection.StartAsync();
        _connections.Add(connection);
        return (connection, () => socket?.Abort());
    }

    public HubConnection BuildConnection() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/chat"), o => o.Cookies = Cookies)
            .Build();

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections)
        {
            await c.DisposeAsync();
        }

        Http.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
