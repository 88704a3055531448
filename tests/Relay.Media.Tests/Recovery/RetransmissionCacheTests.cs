using Relay.Media.Recovery;
using Relay.Media.Rtp;

namespace Relay.Media.Tests.Recovery;

public class RetransmissionCacheTests
{
    private const int Capacity = 16;
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly ManualTimeProvider _time = new();
    private readonly RetransmissionCache _cache;

    public RetransmissionCacheTests() => _cache = new RetransmissionCache(Capacity, MaxAge, _time);

    [Fact]
    public void A_stored_packet_is_returned_byte_for_byte()
    {
        var packet = RtpFixtures.Packet(1000);
        Assert.True(_cache.Store(packet));

        Assert.True(_cache.TryGet(1000, out var cached));
        Assert.Equal(packet, cached.ToArray());
    }

    [Fact]
    public void A_sequence_never_stored_is_a_miss()
    {
        _cache.Store(RtpFixtures.Packet(1000));

        Assert.False(_cache.TryGet(1001, out _));
        // Same slot as 1000, other sequence: the tag tells them apart.
        Assert.False(_cache.TryGet(1000 + Capacity, out _));
    }

    [Fact]
    public void An_empty_cache_misses_sequence_zero()
    {
        Assert.False(_cache.TryGet(0, out _));
    }

    [Fact]
    public void A_packet_overwritten_after_capacity_is_a_miss()
    {
        for (var sequence = 100; sequence < 100 + Capacity + 1; sequence++)
        {
            _cache.Store(RtpFixtures.Packet((ushort)sequence));
        }

        Assert.False(_cache.TryGet(100, out _));
        Assert.True(_cache.TryGet(101, out _));
        Assert.True(_cache.TryGet(100 + Capacity, out _));
    }

    [Fact]
    public void A_packet_older_than_the_max_age_is_a_miss()
    {
        _cache.Store(RtpFixtures.Packet(7));

        _time.Advance(MaxAge);
        Assert.True(_cache.TryGet(7, out _));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(_cache.TryGet(7, out _));
    }

    [Fact]
    public void Sequences_across_the_wrap_hit()
    {
        ushort[] sequences = [65533, 65534, 65535, 0, 1, 2];
        foreach (var sequence in sequences)
        {
            _cache.Store(RtpFixtures.Packet(sequence, fill: (byte)sequence));
        }

        foreach (var sequence in sequences)
        {
            Assert.True(_cache.TryGet(sequence, out var cached));
            Assert.Equal(RtpFixtures.Packet(sequence, fill: (byte)sequence), cached.ToArray());
        }
    }

    [Fact]
    public void A_duplicate_replaces_the_stored_packet()
    {
        _cache.Store(RtpFixtures.Packet(5, fill: 0x01, payloadLength: 200));
        var second = RtpFixtures.Packet(5, fill: 0x02, payloadLength: 50);
        _cache.Store(second);

        Assert.True(_cache.TryGet(5, out var cached));
        Assert.Equal(second, cached.ToArray());
    }

    [Fact]
    public void Packets_too_short_or_too_long_are_not_stored()
    {
        Assert.False(_cache.Store(new byte[11]));
        Assert.False(_cache.Store(RtpFixtures.Packet(9, payloadLength: RetransmissionCache.SlotLength)));
        Assert.False(_cache.TryGet(9, out _));
    }

    [Fact]
    public void A_resend_within_the_interval_is_rate_limited()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        _cache.Store(RtpFixtures.Packet(3));

        Assert.Equal(RetransmissionLookup.Hit, _cache.TryGetForResend(3, interval, out var packet));
        Assert.False(packet.IsEmpty);
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(RetransmissionLookup.RateLimited, _cache.TryGetForResend(3, interval, out _));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(RetransmissionLookup.Hit, _cache.TryGetForResend(3, interval, out _));
        Assert.Equal(RetransmissionLookup.Miss, _cache.TryGetForResend(4, interval, out _));
    }

    [Fact]
    public void A_new_packet_in_a_slot_clears_its_resend_time()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        _cache.Store(RtpFixtures.Packet(3));
        _cache.TryGetForResend(3, interval, out _);

        _cache.Store(RtpFixtures.Packet(3 + Capacity));

        Assert.Equal(RetransmissionLookup.Hit, _cache.TryGetForResend(3 + Capacity, interval, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(100)]
    [InlineData(65536)]
    public void The_capacity_must_be_a_power_of_two_in_range(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmissionCache(capacity, MaxAge, _time));
    }

    [Fact]
    public void Insert_and_lookup_allocate_nothing()
    {
        var cache = new RetransmissionCache(512, MaxAge, _time);
        var packet = RtpFixtures.Packet(0);

        Assert.Equal(0, SteadyStateAllocation.Measure(() => StoreAndLookup(cache, packet, 10_000)));
    }

    private static void StoreAndLookup(RetransmissionCache cache, byte[] packet, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sequence = (ushort)i;
            RtpHeaderRewriter.SetSequenceNumber(packet, sequence);
            cache.Store(packet);
            if (!cache.TryGet(sequence, out _) || cache.TryGetForResend(sequence, TimeSpan.Zero, out _) != RetransmissionLookup.Hit)
            {
                throw new InvalidOperationException("lookup missed");
            }
        }
    }
}
