using System.Text;
using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class IceUsernameTests
{
    [Theory]
    [InlineData("evtj:h6vY", "evtj", "h6vY")]
    [InlineData("a:b", "a", "b")]
    [InlineData("Qfn3PDB5fjNFA6o1+/:CbR9biGVKO4/KQGR", "Qfn3PDB5fjNFA6o1+/", "CbR9biGVKO4/KQGR")]
    public void Splits_receiver_and_sender_ufrags(string username, string receiver, string sender)
    {
        Assert.True(IceUsername.TrySplit(Encoding.ASCII.GetBytes(username), out var receiverUfrag, out var senderUfrag));
        Assert.Equal(receiver, Encoding.ASCII.GetString(receiverUfrag));
        Assert.Equal(sender, Encoding.ASCII.GetString(senderUfrag));
    }

    [Fact]
    public void Split_returns_slices_of_the_input()
    {
        var username = "abcd:efgh"u8;

        Assert.True(IceUsername.TrySplit(username, out var receiver, out var sender));
        Assert.True(receiver.Overlaps(username));
        Assert.True(sender.Overlaps(username));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcd")]
    [InlineData(":abcd")]
    [InlineData("abcd:")]
    [InlineData(":")]
    [InlineData("ab:cd:ef")]
    [InlineData("ab::cd")]
    public void Rejects_anything_but_two_ufrags_around_one_colon(string username)
    {
        Assert.False(IceUsername.TrySplit(Encoding.ASCII.GetBytes(username), out var receiver, out var sender));
        Assert.True(receiver.IsEmpty);
        Assert.True(sender.IsEmpty);
    }

    [Fact]
    public void Format_then_split_round_trips()
    {
        Span<byte> buffer = stackalloc byte[IceUsername.GetLength("srvU"u8, "brwU"u8)];

        Assert.True(IceUsername.TryFormat(buffer, "srvU"u8, "brwU"u8, out var written));
        Assert.Equal(9, written);
        Assert.True(buffer.SequenceEqual("srvU:brwU"u8));
        Assert.True(IceUsername.TrySplit(buffer, out var receiver, out var sender));
        Assert.True(receiver.SequenceEqual("srvU"u8));
        Assert.True(sender.SequenceEqual("brwU"u8));
    }

    [Fact]
    public void Format_refuses_a_short_destination()
    {
        Span<byte> buffer = stackalloc byte[8];

        Assert.False(IceUsername.TryFormat(buffer, "srvU"u8, "brwU"u8, out var written));
        Assert.Equal(0, written);
    }
}
