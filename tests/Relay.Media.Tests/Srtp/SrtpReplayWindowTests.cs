using Relay.Media.Srtp;

namespace Relay.Media.Tests.Srtp;

public class SrtpReplayWindowTests
{
    [Fact]
    public void Nothing_is_a_replay_before_the_first_commit()
    {
        var window = new SrtpReplayWindow();
        Assert.Equal(SrtpError.None, window.Check(0));
        Assert.Equal(SrtpError.None, window.Check(1_000_000));
    }

    [Fact]
    public void Check_alone_changes_nothing()
    {
        var window = new SrtpReplayWindow();
        window.Commit(10);
        Assert.Equal(SrtpError.None, window.Check(11));
        Assert.Equal(SrtpError.None, window.Check(11));
        Assert.Equal(SrtpError.ReplayDetected, window.Check(10));
    }

    [Fact]
    public void The_window_spans_exactly_128_indices()
    {
        var window = new SrtpReplayWindow();
        window.Commit(1000);
        Assert.Equal(SrtpError.None, window.Check(1000 - (SrtpReplayWindow.Size - 1)));
        Assert.Equal(SrtpError.ReplayTooOld, window.Check(1000 - SrtpReplayWindow.Size));
    }

    [Fact]
    public void Late_packets_inside_the_window_are_accepted_once()
    {
        var window = new SrtpReplayWindow();
        window.Commit(100);
        window.Commit(103);
        Assert.Equal(SrtpError.None, window.Check(101));
        window.Commit(101);
        Assert.Equal(SrtpError.ReplayDetected, window.Check(101));
        Assert.Equal(SrtpError.None, window.Check(102));
        Assert.Equal(SrtpError.ReplayDetected, window.Check(100));
    }

    [Fact]
    public void A_jump_beyond_the_window_forgets_everything_older()
    {
        var window = new SrtpReplayWindow();
        window.Commit(5);
        window.Commit(5 + 500);
        Assert.Equal(SrtpError.ReplayDetected, window.Check(505));
        Assert.Equal(SrtpError.None, window.Check(504));
        Assert.Equal(SrtpError.ReplayTooOld, window.Check(5));
    }

    [Fact]
    public void Bits_survive_a_slide_by_less_than_the_window()
    {
        var window = new SrtpReplayWindow();
        window.Commit(0);
        window.Commit(127);
        Assert.Equal(SrtpError.ReplayDetected, window.Check(0));
        window.Commit(128);
        Assert.Equal(SrtpError.ReplayTooOld, window.Check(0));
        Assert.Equal(SrtpError.ReplayDetected, window.Check(127));
    }
}
