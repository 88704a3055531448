using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Data.Entities;
using Relay.Web.Features.Admin;
using Relay.Web.Features.Calls;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Admin;

/// <summary>/admin/calls and its end action: administrators only (Admin:UserNames), others get 403.</summary>
public sealed class AdminCallsTests : IAsyncLifetime
{
    private const string AdminName = "chief";

    private RelayServer _server = null!;

    public async Task InitializeAsync() => _server = await RelayServer.StartAsync("--Admin:UserNames:0", AdminName);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_administrator_sees_the_live_calls_with_parties_state_and_transport_and_others_are_refused()
    {
        await using var admin = await WebUser.RegisterAsync(_server, AdminName);
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await Eventually.TrueAsync(
            () => Task.FromResult(_server.GetRequiredService<CallManager>().LiveCalls().Single(c => c.Id == call.Id).State == CallState.Connected),
            "the call to connect");

        var page = await admin.Http.GetAsync("/admin/calls");
        var html = await page.Content.ReadAsStringAsync();
        var asParty = await parties.Caller.Http.GetAsync("/admin/calls");
        await using var anonymous = WebUser.Anonymous(_server);
        var asAnonymous = await anonymous.Http.GetAsync("/admin/calls");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"data-call-id=\"{call.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"admin-caller\">{parties.Caller.UserName}<", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"admin-callee\">{parties.Callee.UserName}<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"admin-state\">Connected<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"admin-transport\">udp / udp<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"admin-link\"", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"admin-quality\"><span title=\"loss [^\"]+\">(good|fair|poor)</span> / <span title=\"loss [^\"]+\">(good|fair|poor)</span><", html);
        Assert.Contains("data-testid=\"admin-recording\">no<", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asParty.StatusCode);
        Assert.DoesNotContain(call.Id.ToString(), await asParty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("admin-link", await parties.Caller.Http.GetStringAsync("/calls"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
        Assert.StartsWith("/login", asAnonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        // A party starts recording: the admin's view says so.
        await parties.CallerHub.InvokeAsync<RecordingStateDto>("CallRecordStart", call.Id.ToString());
        Assert.Contains("data-testid=\"admin-recording\">recording<", await admin.Http.GetStringAsync("/admin/calls"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_ends_a_call_for_both_parties_and_the_history_says_so()
    {
        await using var admin = await WebUser.RegisterAsync(_server, AdminName);
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync("audio");

        var response = await admin.PostFormAsync(EndPath(call.Id), new(), formPage: "/admin/calls");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("EndedByAdmin", (await parties.CallerEnded.NextAsync()).Reason);
        Assert.Equal("EndedByAdmin", (await parties.CalleeEnded.NextAsync()).Reason);
        var row = await _server.QueryAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == call.Id));
        Assert.Equal(CallEndReason.EndedByAdmin, row.EndReason);
        Assert.Equal(CallState.Ended, row.State);
        Assert.Contains("Ended by an administrator", await parties.Callee.Http.GetStringAsync("/calls"), StringComparison.Ordinal);
        Assert.Contains("The call was ended.", await admin.Http.GetStringAsync("/admin/calls"), StringComparison.Ordinal);
        Assert.Equal(1, (await MetricsScrape.ReadAsync(_server)).Value("mediarelay_calls_ended_total", ("reason", "ended_by_admin")));
    }

    [Fact]
    public async Task The_end_action_refuses_non_administrators_and_posts_without_an_antiforgery_token()
    {
        await using var admin = await WebUser.RegisterAsync(_server, AdminName);
        await using var parties = await CallParties.CreateAsync(_server);
        var call = await parties.RingAndAcceptAsync("audio");

        // A party with a valid antiforgery token of their own (from a page they may see).
        var byParty = await parties.Caller.PostFormAsync(EndPath(call.Id), new(), formPage: "/calls");
        var withoutToken = await admin.Http.PostAsync(EndPath(call.Id), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, byParty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.True(await parties.CallerEnded.StaysEmptyAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Contains(_server.GetRequiredService<CallManager>().LiveCalls(), c => c.Id == call.Id);
    }

    [Fact]
    public async Task The_role_follows_the_configured_names_at_every_start_and_repeating_it_changes_nothing()
    {
        await using var admin = await WebUser.RegisterAsync(_server, AdminName);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var former = new AppUser { UserName = "former", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(former, WebUser.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(former, AdminRole.Name)).Succeeded);
        }

        await _server.Services.SynchronizeAdminsAsync();
        await _server.Services.SynchronizeAdminsAsync();

        await using var check = _server.Services.CreateAsyncScope();
        var holders = await check.ServiceProvider.GetRequiredService<UserManager<AppUser>>().GetUsersInRoleAsync(AdminRole.Name);
        Assert.Equal([AdminName], holders.Select(u => u.UserName));
    }

    private static string EndPath(Guid callId) => $"/admin/calls?handler=End&callId={callId}";
}
