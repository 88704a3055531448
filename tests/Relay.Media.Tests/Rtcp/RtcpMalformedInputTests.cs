using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

/// <summary>
/// Every parser against truncated, overrunning, wrong-version and random input: it must say
/// false (or parse something consistent), never throw, and never read outside the packet.
/// </summary>
public class RtcpMalformedInputTests
{
    public static TheoryData<string> Fixtures => new(FixtureBytes.Keys);

    private static readonly Dictionary<string, byte[]> FixtureBytes = new()
    {
        ["SR"] = SenderReportPacketTests.Fixture,
        ["RR"] = ReceiverReportPacketTests.Fixture,
        ["SDES"] = SdesPacketTests.Fixture,
        ["BYE"] = ByePacketTests.Fixture,
        ["NACK"] = GenericNackPacketTests.Fixture,
        ["PLI"] = PliPacketTests.Fixture,
        ["FIR"] = FirPacketTests.Fixture,
        ["REMB"] = RembPacketTests.Fixture,
        ["TWCC run length"] = TransportCcPacketTests.RunLengthFixture,
        ["TWCC 2-bit"] = TransportCcPacketTests.TwoBitVectorFixture,
        ["TWCC 1-bit"] = TransportCcPacketTests.OneBitVectorFixture,
    };

    /// <summary>Runs every parser and walks everything a successful parse exposes; returns how many accepted.</summary>
    private static int ParseAll(ReadOnlySpan<byte> data)
    {
        var accepted = 0;
        if (RtcpHeader.TryParse(data, out var header))
        {
            accepted++;
            Assert.True(header.Payload.Length <= header.Packet.Length - RtcpHeader.Size);
        }

        if (SenderReportPacket.TryParse(data, out var sr))
        {
            accepted++;
            for (var i = 0; i < sr.ReportCount; i++)
            {
                _ = sr.GetReportBlock(i);
            }

            _ = sr.Extensions.Length + sr.NtpTimestamp.Middle32 + sr.OctetCount;
        }

        if (ReceiverReportPacket.TryParse(data, out var rr))
        {
            accepted++;
            for (var i = 0; i < rr.ReportCount; i++)
            {
                _ = rr.GetReportBlock(i);
            }

            _ = rr.Extensions.Length;
        }

        if (SdesPacket.TryParse(data, out var sdes))
        {
            accepted++;
            foreach (var chunk in sdes)
            {
                foreach (var item in chunk)
                {
                    _ = item.Text.Length;
                }

                _ = chunk.TryGetCanonicalName(out _);
            }
        }

        if (ByePacket.TryParse(data, out var bye))
        {
            accepted++;
            for (var i = 0; i < bye.SsrcCount; i++)
            {
                _ = bye.GetSsrc(i);
            }

            _ = bye.Reason.Length;
        }

        if (GenericNackPacket.TryParse(data, out var nack))
        {
            accepted++;
            foreach (var sequence in nack.GetLostSequences())
            {
                _ = sequence;
            }
        }

        if (PliPacket.TryParse(data, out var pli))
        {
            accepted++;
            _ = pli.MediaSsrc;
        }

        if (FirPacket.TryParse(data, out var fir))
        {
            accepted++;
            for (var i = 0; i < fir.EntryCount; i++)
            {
                _ = fir.GetEntry(i);
            }
        }

        if (RembPacket.TryParse(data, out var remb))
        {
            accepted++;
            _ = remb.Bitrate;
            for (var i = 0; i < remb.SsrcCount; i++)
            {
                _ = remb.GetSsrc(i);
            }
        }

        if (TransportCcPacket.TryParse(data, out var twcc))
        {
            accepted++;
            var statuses = 0;
            foreach (var status in twcc)
            {
                _ = status.ArrivalMicroseconds;
                statuses++;
            }

            Assert.Equal(twcc.PacketStatusCount, statuses);
        }

        var reader = new RtcpCompoundReader(data);
        while (reader.MoveNext())
        {
            Assert.True(reader.Offset + reader.Current.Packet.Length <= data.Length);
        }

        return accepted;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_parses_as_exactly_its_own_type(string name)
    {
        // The header parser and the packet's own parser.
        Assert.Equal(2, ParseAll(FixtureBytes[name]));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Truncated_at_every_length_nothing_parses(string name)
    {
        var bytes = FixtureBytes[name];
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Equal(0, ParseAll(bytes.AsSpan(0, length)));
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_length_field_past_the_datagram_is_rejected(string name)
    {
        var bytes = (byte[])FixtureBytes[name].Clone();
        bytes[3]++;
        Assert.Equal(0, ParseAll(bytes));

        bytes[2] = 0xFF;
        bytes[3] = 0xFF;
        Assert.Equal(0, ParseAll(bytes));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Other_versions_are_rejected(string name)
    {
        foreach (var version in new[] { 0, 1, 3 })
        {
            var bytes = (byte[])FixtureBytes[name].Clone();
            bytes[0] = (byte)((bytes[0] & 0x3F) | (version << 6));
            Assert.Equal(0, ParseAll(bytes));
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Shortened_length_field_with_the_bytes_still_present_never_throws(string name)
    {
        // The packet now ends early inside its own body: parsers must go by the length field.
        var original = FixtureBytes[name];
        for (var words = 0; words < (original.Length / 4) - 1; words++)
        {
            var bytes = (byte[])original.Clone();
            bytes[2] = 0;
            bytes[3] = (byte)words;
            Assert.InRange(ParseAll(bytes), 0, 2);
        }
    }

    [Fact]
    public void Random_input_never_throws()
    {
        var random = new Random(3550);
        var fixtures = FixtureBytes.Values.ToArray();
        var buffer = new byte[96];
        var accepted = 0;
        for (var iteration = 0; iteration < 100_000; iteration++)
        {
            int length;
            switch (iteration % 3)
            {
                case 0:
                    // Pure noise.
                    length = random.Next(buffer.Length + 1);
                    random.NextBytes(buffer.AsSpan(0, length));
                    break;

                case 1:
                    // Noise behind a plausible header: V=2, a known PT, a length that fits.
                    length = 4 * random.Next(1, (buffer.Length / 4) + 1);
                    random.NextBytes(buffer.AsSpan(0, length));
                    buffer[0] = (byte)(0x80 | (buffer[0] & 0x3F));
                    buffer[1] = (byte)random.Next(200, 207);
                    buffer[2] = 0;
                    buffer[3] = (byte)((length / 4) - 1);
                    break;

                default:
                    // A real packet with a few bytes changed.
                    var fixture = fixtures[random.Next(fixtures.Length)];
                    length = fixture.Length;
                    fixture.CopyTo(buffer, 0);
                    for (var flips = random.Next(1, 4); flips > 0; flips--)
                    {
                        buffer[random.Next(length)] ^= (byte)random.Next(1, 256);
                    }

                    break;
            }

            accepted += ParseAll(buffer.AsSpan(0, length));
        }

        // The corpus must reach the packet parsers, not only bounce off the header check.
        Assert.True(accepted > 30_000, $"only {accepted} parses accepted");
    }
}
