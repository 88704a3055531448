using Relay.Media.Client;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>Three legs: one packet is rewritten for each receiver in turn, from the same received buffer.</summary>
public sealed class MediaSessionGroupTests
{
    [Fact]
    public async Task Every_receiver_of_a_three_way_call_gets_the_media_and_can_ask_the_sender_for_a_key_frame()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        var (bob, bobLeg) = await harness.JoinAsync(session);
        var (carol, carolLeg) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        var atCarol = new MediaTraffic(carol);

        await MediaTraffic.SendAsync(alice, atCarol, videoCount: 50, audioCount: 50);

        await RelayHarness.WaitUntilAsync(
            () => atBob.HasAll(MediaKind.Video, 50) && atCarol.HasAll(MediaKind.Video, 50) && atBob.HasAll(MediaKind.Audio, 50) && atCarol.HasAll(MediaKind.Audio, 50),
            "Alice's media at Bob and Carol");
        Assert.Equal(0, atBob.Corrupt + atCarol.Corrupt);
        // Both relay tracks carry Alice's stream, whatever order the receivers were served in.
        Assert.Equal(alice.VideoSsrc, bobLeg.VideoOut!.Source);
        Assert.Equal(alice.VideoSsrc, carolLeg.VideoOut!.Source);
        Assert.Equal(alice.AudioSsrc, carolLeg.AudioOut!.Source);

        foreach (var receiver in (ClientPeer[])[bob, carol])
        {
            var before = alice.KeyFrameRequests;
            var deadline = DateTime.UtcNow + RelayHarness.Bound;
            while (alice.KeyFrameRequests == before)
            {
                Assert.True(DateTime.UtcNow < deadline, "No PLI reached Alice.");
                Assert.True(receiver.SendPli(receiver.Answer!.SsrcOf(MediaKind.Video)!.Value));
                await Task.Delay(100);
            }
        }

        Assert.Equal(0, alice.ForeignKeyFrameRequests);
    }
}
