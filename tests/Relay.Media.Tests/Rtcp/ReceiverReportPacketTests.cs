using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class ReceiverReportPacketTests
{
    internal static readonly byte[] Fixture =
    [
        0x81, 0xC9, 0x00, 0x07, // V=2, P=0, RC=1 | PT=201 (RR) | length=7 → 32 bytes
        0x0A, 0x0B, 0x0C, 0x0D, // SSRC of packet sender
        .. ReportBlockTests.Fixture, // report block 1
    ];

    [Fact]
    public void Parses_and_writes_the_fixture()
    {
        Assert.True(ReceiverReportPacket.TryParse(Fixture, out var rr));
        Assert.Equal(0x0A0B0C0Du, rr.SenderSsrc);
        Assert.Equal(1, rr.ReportCount);
        Assert.Equal(ReportBlockTests.Expected, rr.GetReportBlock(0));
        Assert.True(rr.Extensions.IsEmpty);

        ReportBlock[] blocks = [ReportBlockTests.Expected];
        Assert.Equal(Fixture, RtcpWriterAssert.Write(new ReceiverReportWriter(0x0A0B0C0D, blocks)));
    }

    [Fact]
    public void Empty_receiver_report_as_Chromium_sends_before_it_receives_media()
    {
        byte[] empty =
        [
            0x80, 0xC9, 0x00, 0x01, // V=2, RC=0 | PT=201 | length=1 → 8 bytes
            0x0A, 0x0B, 0x0C, 0x0D, // SSRC of packet sender
        ];

        Assert.True(ReceiverReportPacket.TryParse(empty, out var rr));
        Assert.Equal(0, rr.ReportCount);
        Assert.Equal(empty, RtcpWriterAssert.Write(new ReceiverReportWriter(0x0A0B0C0D, [])));
    }

    [Fact]
    public void More_than_31_blocks_do_not_fit_the_count_field()
    {
        var blocks = new ReportBlock[32];
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReceiverReportWriter(1, blocks));
    }

    [Fact]
    public void Asking_for_a_block_past_the_count_throws()
    {
        Assert.True(ReceiverReportPacket.TryParse(Fixture, out var rr));
        var threw = false;
        try
        {
            rr.GetReportBlock(1);
        }
        catch (ArgumentOutOfRangeException)
        {
            threw = true;
        }

        Assert.True(threw);
    }
}
