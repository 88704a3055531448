using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Relay.Web.Features.Calls;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Calls;

public sealed class EchoTestHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RelayServer Server => fixture.Server;

    public static TheoryData<string?, string> BadOffers => new()
    {
        { null, "The relay cannot use this offer:" },
        { "", "The relay cannot use this offer:" },
        { "v=0\r\nthis is not sdp\r\n", "The relay cannot use this offer: line 2" },
        { "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n", "The relay cannot use this offer:" },
    };

    [Theory]
    [MemberData(nameof(BadOffers))]
    public async Task A_bad_offer_gets_a_readable_error_and_leaves_no_leg(string? sdp, string expected)
    {
        await using var user = await WebUser.RegisterAsync(Server);
        var hub = await user.ConnectAsync();
        var relay = Server.GetRequiredService<MediaRelayHost>().Relay;
        var before = relay.LegCount;

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<string>("StartEchoTest", sdp));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, relay.LegCount);
    }
}
