using System.Net;
using Relay.Media.Stun;

namespace Relay.Media.Tests.Stun;

public class StunAddressTests
{
    [Fact]
    public void IPv4_from_bytes()
    {
        var address = new StunAddress([192, 0, 2, 1], 32853);

        Assert.Equal(StunAddressFamily.IPv4, address.Family);
        Assert.Equal(4, address.AddressLength);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), address.ToEndPoint());
    }

    [Fact]
    public void IPv6_from_end_point()
    {
        var endPoint = new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        var address = StunAddress.FromEndPoint(endPoint);

        Assert.Equal(StunAddressFamily.IPv6, address.Family);
        Assert.Equal(16, address.AddressLength);
        Assert.Equal(endPoint, address.ToEndPoint());
    }

    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; the peer must be told its IPv4 address.
    [Fact]
    public void IPv4_mapped_IPv6_becomes_IPv4()
    {
        var mapped = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("::ffff:198.51.100.7"), 40000));

        Assert.Equal(new StunAddress([198, 51, 100, 7], 40000), mapped);
        Assert.Equal(StunAddressFamily.IPv4, mapped.Family);
    }

    [Fact]
    public void Equality_covers_family_address_and_port()
    {
        var a = new StunAddress([10, 0, 0, 1], 1);

        Assert.Equal(a, new StunAddress([10, 0, 0, 1], 1));
        Assert.True(a == new StunAddress([10, 0, 0, 1], 1));
        Assert.True(a != new StunAddress([10, 0, 0, 1], 2));
        Assert.True(a != new StunAddress([10, 0, 0, 2], 1));
        Assert.NotEqual(a, StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("::a00:1"), 1)));
        Assert.Equal(a.GetHashCode(), new StunAddress([10, 0, 0, 1], 1).GetHashCode());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(15)]
    public void Address_bytes_of_other_lengths_throw(int length) =>
        Assert.Throws<ArgumentException>(() => new StunAddress(new byte[length], 1));

    [Fact]
    public void Xor_encoding_round_trips_for_random_addresses()
    {
        var random = new Random(7983);
        var transactionId = new byte[StunTransactionId.Length];
        var value = new byte[20];
        for (var i = 0; i < 1000; i++)
        {
            random.NextBytes(transactionId);
            var bytes = new byte[i % 2 == 0 ? 4 : 16];
            random.NextBytes(bytes);
            var address = new StunAddress(bytes, (ushort)random.Next(65536));

            address.Encode(value, xor: true, transactionId);
            Assert.True(StunAddress.TryDecode(value.AsSpan(0, address.EncodedLength), xor: true, transactionId, out var decoded));
            Assert.Equal(address, decoded);
        }
    }

    [Fact]
    public void Mapped_address_is_read_without_xor()
    {
        byte[] value = [0x00, 0x01, 0x0D, 0x96, 192, 0, 2, 1]; // reserved, IPv4, port 3478, 192.0.2.1

        Assert.True(StunAddress.TryDecode(value, xor: false, default, out var address));
        Assert.Equal(new StunAddress([192, 0, 2, 1], 3478), address);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x03, 0, 1, 1, 2, 3, 4 })] // unknown family
    [InlineData(new byte[] { 0x00, 0x01, 0, 1, 1, 2, 3 })] // IPv4, short
    [InlineData(new byte[] { 0x00, 0x02, 0, 1, 1, 2, 3, 4 })] // IPv6 family, IPv4 length
    [InlineData(new byte[] { 0x00, 0x01, 0 })] // shorter than the fixed part
    public void Malformed_address_values_are_rejected(byte[] value) =>
        Assert.False(StunAddress.TryDecode(value, xor: true, Rfc5769.TransactionId, out _));
}
