using System.Diagnostics;
using System.Net;
using Relay.Network.Tests.Bed;
using Relay.Network.Tests.Browser;
using Relay.Network.Tests.Measurements;
using Relay.Web.Features.Calls;
using Xunit.Abstractions;
using static Relay.Testing.Browser.CallSteps;

namespace Relay.Network.Tests;

/// <summary>
/// Runs the echo test or a two-person video call with the browser in a bed of the given condition,
/// checks that the media really went through the bed, and reports the figures (test output and
/// <see cref="ResultsFile"/>). Everything is torn down before the figures are returned, so the
/// tests assert on them without a bed, relay or browser left running.
/// </summary>
public sealed class NetworkScenario(PlaywrightFixture fixture, ITestOutputHelper output)
{
    public async Task<ConditionResult> EchoAsync(NetworkCondition condition, string test)
    {
        await using var bed = await BedRequirement.CreateAsync(condition);
        await using var server = await RelayServer.StartAsync(bed.RelaySettings);
        var relay = server.GetRequiredService<MediaRelayHost>().Relay;
        await bed.ConnectRelayAsync(relay.LocalEndPoint.Port);
        await using var browser = await ChromiumInNamespace.LaunchAsync(fixture.Playwright, bed, server.BaseAddress);
        await using var user = await browser.OpenUserAsync("echo-" + Suffix());
        await user.RegisterAsync(Password);
        await user.Page.GotoAsync("/test-call");
        await user.Page.Locator(".test-call[data-ready='true']").WaitForAsync();

        var clock = Stopwatch.StartNew();
        await user.ByTestId("echo-start").ClickAsync();
        var connect = await Observation.WaitForConnectedAsync(clock, [user]);
        var result = await Observation.RecordAsync(condition, "echo", connect, user, user);
        Report(result, test);
        ExpectPathThroughBed(bed, server, result.FinalReceiver);

        await user.ByTestId("echo-stop").ClickAsync();
        ExpectNoErrors(user);
        return result;
    }

    /// <summary>The caller's video to the callee is what is measured; the callee's video to the caller must flow too.</summary>
    public async Task<ConditionResult> CallAsync(NetworkCondition condition, string test)
    {
        await using var bed = await BedRequirement.CreateAsync(condition);
        await using var server = await RelayServer.StartAsync(bed.RelaySettings);
        var relay = server.GetRequiredService<MediaRelayHost>().Relay;
        await bed.ConnectRelayAsync(relay.LocalEndPoint.Port);
        await using var browser = await ChromiumInNamespace.LaunchAsync(fixture.Playwright, bed, server.BaseAddress);
        var suffix = Suffix();
        await using var caller = await browser.OpenUserAsync("caller-" + suffix);
        await using var callee = await browser.OpenUserAsync("callee-" + suffix);
        await OpenConversationAsync(caller, callee);

        await caller.ByTestId("call-video").ClickAsync();
        await ExpectStateAsync(callee, "ringing");
        var clock = Stopwatch.StartNew();
        await callee.ByTestId("call-accept").ClickAsync();
        var connect = await Observation.WaitForConnectedAsync(clock, [caller, callee]);
        await ExpectStateAsync(caller, "connected");
        await ExpectStateAsync(callee, "connected");
        var result = await Observation.RecordAsync(condition, "call", connect, caller, callee);
        Report(result, test);
        ExpectPathThroughBed(bed, server, result.FinalReceiver);
        var back = await PeerStats.SampleAsync(caller);
        Assert.True(back?.FramesDecoded > 0, $"the caller decoded no video from the callee: {back}");

        await caller.ByTestId("call-hangup").ClickAsync();
        await ExpectStateAsync(callee, "ended");
        ExpectNoErrors(caller);
        ExpectNoErrors(callee);
        return result;
    }

    /// <summary>
    /// The browser reached the relay at the announced address only, and the relay saw it come from
    /// the NAT's outside address (or the delay proxy's): the browser did go through the bed.
    /// </summary>
    private static void ExpectPathThroughBed(NetworkTestBed bed, RelayServer server, PeerSample receiver)
    {
        var relay = server.GetRequiredService<MediaRelayHost>().Relay;
        Assert.Equal(bed.MediaAddress.ToString(), receiver.RemoteAddress);
        if (receiver.RemoteProtocol == "udp")
        {
            Assert.Equal(relay.LocalEndPoint.Port, receiver.RemotePort);
        }

        var legs = relay.Legs.ToList();
        Assert.NotEmpty(legs);
        foreach (var leg in legs)
        {
            // A leg on ICE-TCP may name its peer elsewhere; where the leg has a UDP peer, it must be the bed's.
            if (leg.SelectedAddress is { } selected)
            {
                var peer = (IPEndPoint)new IPEndPoint(IPAddress.IPv6Any, 0).Create(selected);
                Assert.Equal(bed.RelayPeerAddress, peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address);
            }
        }

        if (bed.Condition == NetworkCondition.Delay100Ms)
        {
            var (upstream, downstream) = bed.ProxyDatagrams;
            Assert.True(upstream > 100 && downstream > 100, $"the delay proxy carried {upstream} datagrams up and {downstream} down");
        }
    }

    private static void ExpectNoErrors(UserPage user) =>
        Assert.True(user.Errors.Count == 0, $"{user.Name}'s page reported errors:\n{string.Join('\n', user.Errors)}");

    private void Report(ConditionResult result, string test)
    {
        output.WriteLine(result.Describe());
        ResultsFile.Append(result, test);
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];
}
