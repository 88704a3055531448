using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class SenderReportPacketTests
{
    internal static readonly byte[] Fixture =
    [
        0x81, 0xC8, 0x00, 0x0C, // V=2, P=0, RC=1 | PT=200 (SR) | length=12 → 52 bytes
        0x01, 0x02, 0x03, 0x04, // SSRC of sender
        0xE8, 0x5F, 0x3C, 0x10, // NTP timestamp, most significant word (seconds)
        0x80, 0x00, 0x00, 0x00, // NTP timestamp, least significant word (0.5 s)
        0x00, 0x01, 0xE2, 0x40, // RTP timestamp = 123456
        0x00, 0x00, 0x00, 0x64, // sender's packet count = 100
        0x00, 0x00, 0x4E, 0x20, // sender's octet count = 20000
        .. ReportBlockTests.Fixture, // report block 1 (see ReportBlockTests)
    ];

    [Fact]
    public void Parses_and_writes_the_fixture()
    {
        Assert.True(SenderReportPacket.TryParse(Fixture, out var sr));
        Assert.Equal(0x01020304u, sr.SenderSsrc);
        Assert.Equal(new NtpTimestamp(0xE85F3C10_80000000), sr.NtpTimestamp);
        Assert.Equal(123456u, sr.RtpTimestamp);
        Assert.Equal(100u, sr.PacketCount);
        Assert.Equal(20000u, sr.OctetCount);
        Assert.Equal(1, sr.ReportCount);
        Assert.Equal(ReportBlockTests.Expected, sr.GetReportBlock(0));
        Assert.True(sr.Extensions.IsEmpty);

        ReportBlock[] blocks = [ReportBlockTests.Expected];
        var writer = new SenderReportWriter(
            0x01020304, new NtpTimestamp(0xE85F3C10_80000000), 123456, 100, 20000, blocks);
        Assert.Equal(Fixture, RtcpWriterAssert.Write(writer));
    }

    [Fact]
    public void Without_report_blocks_it_is_28_bytes()
    {
        var bytes = RtcpWriterAssert.Write(new SenderReportWriter(7, default, 0, 0, 0, []));
        Assert.Equal(28, bytes.Length);
        Assert.Equal(new byte[] { 0x80, 0xC8, 0x00, 0x06 }, bytes[..4]);
        Assert.True(SenderReportPacket.TryParse(bytes, out var sr));
        Assert.Equal(0, sr.ReportCount);
    }

    [Fact]
    public void Profile_extensions_after_the_blocks_are_exposed()
    {
        byte[] data = [.. Fixture, 0xDE, 0xAD, 0xBE, 0xEF];
        data[3] = 0x0D; // one more word
        Assert.True(SenderReportPacket.TryParse(data, out var sr));
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, sr.Extensions.ToArray());
    }

    [Fact]
    public void A_report_count_the_length_cannot_hold_is_rejected()
    {
        var data = (byte[])Fixture.Clone();
        data[0] = 0x82; // RC=2, but only one block fits in the 52 bytes
        Assert.False(SenderReportPacket.TryParse(data, out _));
    }

    [Fact]
    public void Other_packet_types_are_rejected()
    {
        Assert.False(SenderReportPacket.TryParse(ReceiverReportPacketTests.Fixture, out _));
    }
}
