using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Relay.Data;
using Relay.Data.Entities;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Calls;

public sealed partial class CallHistoryTests
{
    [Fact]
    public async Task The_history_page_lists_each_party_s_calls_and_filters_the_missed_ones()
    {
        await using var server = await RelayServer.StartAsync("--Calls:RingTimeout", "00:00:03");
        await using var parties = await CallParties.CreateAsync(server);
        var missed = await parties.RingAsync("audio");
        await parties.CalleeEnded.NextAsync(TimeSpan.FromSeconds(10));
        var declined = await parties.RingAsync("video");
        await parties.CalleeHub.InvokeAsync("CallReject", declined.Id.ToString());
        await parties.CallerRejected.NextAsync();

        var calleePage = await parties.Callee.Http.GetStringAsync("/calls");
        var calleeMissed = await parties.Callee.Http.GetStringAsync("/calls?filter=missed");
        var callerPage = await parties.Caller.Http.GetStringAsync("/calls");
        var callerMissed = await parties.Caller.Http.GetStringAsync("/calls?filter=missed");

        Assert.Equal(["Declined", "Missed"], Outcomes(calleePage));
        Assert.Equal(["Missed"], Outcomes(calleeMissed));
        Assert.Equal(["Declined", "No answer"], Outcomes(callerPage));
        Assert.Empty(Outcomes(callerMissed));
        Assert.Contains(parties.Caller.UserName, calleePage, StringComparison.Ordinal);
        Assert.Contains($"data-call-id=\"{missed.Id}\"", calleeMissed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_user_sees_none_of_these_calls()
    {
        await using var server = await RelayServer.StartAsync();
        await using var parties = await CallParties.CreateAsync(server);
        var call = await parties.RingAsync();
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        await using var stranger = await WebUser.RegisterAsync(server);

        var page = await stranger.Http.GetStringAsync("/calls");

        Assert.Empty(Outcomes(page));
        Assert.DoesNotContain(call.Id.ToString(), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_graceful_shutdown_ends_live_calls_as_server_shutdown()
    {
        var server = await RelayServer.StartAsync();
        try
        {
            await using var parties = await CallParties.CreateAsync(server);
            var call = await parties.RingAndAcceptAsync();

            await server.StopAsync();

            await using var db = new SqliteRelayDbContext(new DbContextOptionsBuilder<SqliteRelayDbContext>().UseSqlite($"Data Source={server.DatabasePath}").Options);
            var row = await db.Calls.SingleAsync(c => c.Id == call.Id);
            Assert.Equal(CallState.Ended, row.State);
            Assert.Equal(CallEndReason.ServerShutdown, row.EndReason);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static List<string> Outcomes(string page)
    {
        var outcomes = new List<string>();
        foreach (Match m in Outcome().Matches(page))
        {
            outcomes.Add(m.Groups[1].Value.Trim());
        }

        return outcomes;
    }

    [GeneratedRegex("data-testid=\"history-outcome\">([^<]*)<")]
    private static partial Regex Outcome();
}
