using BenchmarkDotNet.Attributes;
using Relay.Media.Rtp;

namespace Relay.Media.Benchmarks;

/// <summary>
/// Parsing a 1,200-octet RTP packet with and without Chromium's RFC 8285 one-byte extension
/// block (mid, abs-send-time, transport-cc), finding the transport-cc element, and the in-place
/// header rewrite a forwarded packet gets. One hot packet: these are header-only operations.
/// </summary>
[MemoryDiagnoser]
public class RtpBenchmarks
{
    private const uint OutgoingSsrc = 0xCAFE_BABE;
    private const byte OutgoingPayloadType = 102;

    private byte[] _plain = null!;
    private byte[] _withExtension = null!;
    private ushort _sequence;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _plain = new byte[Packets.RtpPacketLength];
        Packets.WriteRtp(_plain, 1000, Packets.RtpPacketLength, withExtension: false);
        _withExtension = new byte[Packets.RtpPacketLength];
        Packets.WriteRtp(_withExtension, 1000, Packets.RtpPacketLength);
    }

    [Benchmark(Baseline = true)]
    public int ParseWithoutExtension() => ParseAndRead(_plain);

    [Benchmark]
    public int ParseWithExtension() => ParseAndRead(_withExtension);

    [Benchmark]
    public int ParseAndFindTransportCc()
    {
        if (!RtpPacket.TryParse(_withExtension, out var packet)
            || !packet.TryGetHeaderExtension(Packets.TransportCcExtensionId, out var data))
        {
            throw new InvalidOperationException("The fixture did not parse.");
        }

        return (data[0] << 8) | data[1];
    }

    [Benchmark]
    public int RewriteHeader()
    {
        var packet = _withExtension.AsSpan();
        RtpHeaderRewriter.SetSsrc(packet, OutgoingSsrc);
        RtpHeaderRewriter.SetSequenceNumber(packet, _sequence++);
        RtpHeaderRewriter.SetPayloadType(packet, OutgoingPayloadType);
        return packet[1];
    }

    // Reads what the relay reads of every packet: where it is from, where it sits in the
    // stream, and where the payload starts.
    private static int ParseAndRead(ReadOnlySpan<byte> buffer)
    {
        if (!RtpPacket.TryParse(buffer, out var packet))
        {
            throw new InvalidOperationException("The fixture did not parse.");
        }

        return (int)packet.Ssrc + packet.SequenceNumber + packet.PayloadType + packet.PayloadOffset + packet.PayloadLength;
    }
}
