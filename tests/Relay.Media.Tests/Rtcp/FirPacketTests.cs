using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class FirPacketTests
{
    internal static readonly byte[] Fixture =
    [
        0x84, 0xCE, 0x00, 0x06, // V=2, P=0, FMT=4 (FIR) | PT=206 (PSFB) | length=6 → 28 bytes
        0x11, 0x22, 0x33, 0x44, // SSRC of packet sender
        0x00, 0x00, 0x00, 0x00, // SSRC of media source: unused, 0 (RFC 5104 §4.3.1.2)
        0x55, 0x66, 0x77, 0x88, // FCI 1: SSRC
        0x05, 0x00, 0x00, 0x00, //        Seq nr. = 5, reserved
        0x99, 0xAA, 0xBB, 0xCC, // FCI 2: SSRC
        0xFF, 0x00, 0x00, 0x00, //        Seq nr. = 255, reserved
    ];

    [Fact]
    public void Parses_and_writes_the_fixture()
    {
        Assert.True(FirPacket.TryParse(Fixture, out var fir));
        Assert.Equal(0x11223344u, fir.SenderSsrc);
        Assert.Equal(0u, fir.MediaSsrc);
        Assert.Equal(2, fir.EntryCount);
        Assert.Equal(new FirEntry(0x55667788, 5), fir.GetEntry(0));
        Assert.Equal(new FirEntry(0x99AABBCC, 255), fir.GetEntry(1));

        FirEntry[] entries = [new(0x55667788, 5), new(0x99AABBCC, 255)];
        Assert.Equal(Fixture, RtcpWriterAssert.Write(new FirWriter(0x11223344, entries)));
    }

    [Fact]
    public void A_partial_entry_is_rejected()
    {
        byte[] data = [.. Fixture[..24]];
        data[3] = 0x05; // 24 bytes: one and a half entries
        Assert.False(FirPacket.TryParse(data, out _));
    }

    [Fact]
    public void A_FIR_without_entries_is_rejected()
    {
        byte[] data = [0x84, 0xCE, 0x00, 0x02, 1, 2, 3, 4, 0, 0, 0, 0];
        Assert.False(FirPacket.TryParse(data, out _));
    }
}
