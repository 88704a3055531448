using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Monitoring;

/// <summary>/metrics scraped from a real server after a real call between two client-role peers.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task A_call_shows_in_the_gauges_while_live_and_in_the_setup_histogram_and_end_reasons_after()
    {
        await using var server = await RelayServer.StartAsync();
        await using var parties = await CallParties.CreateAsync(server);
        var before = await MetricsScrape.ReadAsync(server);
        Assert.Equal(0, before.Value("mediarelay_call_setup_seconds_count"));
        Assert.Equal(0, before.Value("mediarelay_calls_ended_total", ("reason", "hung_up")));

        var accepting = Stopwatch.StartNew();
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await MediaPeers.ExchangeMediaAsync(callerPeer, calleePeer, 20);
        await Eventually.TrueAsync(
            async () => (await MetricsScrape.ReadAsync(server)).Value("mediarelay_calls_active", ("state", "connected")) == 1,
            "the call to count as connected");
        var connectedWithin = accepting.Elapsed;

        var during = await MetricsScrape.ReadAsync(server);
        Assert.Equal(2, during.Value("mediarelay_legs_active", ("transport", "udp")));
        Assert.Equal(0, during.Value("mediarelay_legs_active", ("transport", "tcp")));

        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        Assert.Equal("HungUp", (await parties.CalleeEnded.NextAsync()).Reason);
        var after = await MetricsScrape.ReadAsync(server);

        Assert.Equal(1, after.Value("mediarelay_call_setup_seconds_count"));
        var setup = after.Value("mediarelay_call_setup_seconds_sum");
        Assert.InRange(setup, 0, connectedWithin.TotalSeconds);
        Assert.Equal(1, after.Value("mediarelay_call_setup_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(1, after.Value("mediarelay_calls_ended_total", ("reason", "hung_up")));
        Assert.Equal(0, after.Value("mediarelay_calls_ended_total", ("reason", "failed")));
        Assert.Equal(0, after.Value("mediarelay_calls_active", ("state", "connected")));
        // Both legs' server handshakes, not the client peers' (they share the process).
        Assert.Equal(2, after.Value("mediarelay_dtls_handshake_seconds_count"));
        Assert.InRange(after.Value("mediarelay_dtls_handshake_seconds_sum"), 0.0001, 2 * connectedWithin.TotalSeconds);
        Assert.True(after.Value("mediarelay_packets_forwarded_total") >= 40);
        Assert.True(after.Value("mediarelay_forwarded_bytes_total") >= 20 * 900);
        Assert.True(after.Value("mediarelay_packets_received_total") >= after.Value("mediarelay_packets_forwarded_total"));
        Assert.Equal(0, after.Value("mediarelay_security_drops_total", ("reason", "srtp_authentication_failed")));
        Assert.Equal(0, after.Value("mediarelay_security_drops_total", ("reason", "fingerprint_mismatch")));
    }

    [Fact]
    public async Task Every_label_is_from_a_bounded_set_never_a_user_or_call_id()
    {
        await using var server = await RelayServer.StartAsync();
        await using var parties = await CallParties.CreateAsync(server);
        var call = await parties.RingAndAcceptAsync("audio");
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        await parties.CalleeEnded.NextAsync();

        var scrape = await MetricsScrape.ReadAsync(server);

        Assert.DoesNotContain(call.Id.ToString(), scrape.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(parties.Caller.UserName, scrape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(parties.ConversationId, scrape.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[a-z_]+$", string.Concat(scrape.Names.Where(n => n.StartsWith("mediarelay_", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Metrics_need_no_sign_in_from_an_allowed_network()
    {
        await using var server = await RelayServer.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var response = await http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE mediarelay_calls_ended_total counter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callers_outside_the_allowed_networks_get_404()
    {
        // Loopback, where the test connects from, is not among them.
        await using var server = await RelayServer.StartAsync(
            "--Metrics:AllowedNetworks:0", "192.0.2.0/24",
            "--Metrics:AllowedNetworks:1", "2001:db8::/32");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var response = await http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("mediarelay_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_allowed_network_stops_the_start_with_a_readable_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RelayServer.StartAsync("--Metrics:AllowedNetworks:0", "intranet"));

        Assert.Contains("Metrics:AllowedNetworks holds \"intranet\"", error.Message, StringComparison.Ordinal);
    }
}
