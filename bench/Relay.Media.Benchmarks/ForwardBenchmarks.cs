using BenchmarkDotNet.Attributes;
using Relay.Media.Rtp;
using Relay.Media.Srtp;

namespace Relay.Media.Benchmarks;

/// <summary>
/// The per-packet work of the relay between two legs, minus the sockets: unprotect in place
/// with the receiving leg's context, parse the header, rewrite SSRC, sequence number and
/// payload type in place, and protect into a caller-owned buffer with the sending leg's context
/// (another key). STYLE.md: this step must allocate nothing.
/// </summary>
/// <remarks>
/// Walks a ring of distinct SRTP packets, restored with a new receiving context before each
/// iteration and warmed up by <see cref="JitWarmup"/>, as in <see cref="SrtpBenchmarks"/>.
/// The sending context lives for the whole run; the rewritten sequence numbers keep moving
/// forward, as on a real outgoing leg.
/// </remarks>
[MemoryDiagnoser]
public class ForwardBenchmarks
{
    public const int RingSize = 8192;
    private const uint OutgoingSsrc = 0xCAFE_BABE;
    private const byte OutgoingPayloadType = 102;

    private PacketRing _received = null!;
    private PacketRing _work = null!;
    private byte[] _destination = null!;
    private SrtpMasterKey _incomingKey = null!;
    private SrtpContext? _incoming;
    private SrtpContext _outgoing = null!;
    private ushort _outgoingSequence;

    [Params(SrtpProfile.Aes128CmHmacSha1Tag80, SrtpProfile.AeadAes128Gcm)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _incomingKey = Packets.CreateMasterKey(Profile, seed: 1);
        using var browser = new SrtpContext(_incomingKey);
        _received = new PacketRing(RingSize, Packets.RtpPacketLength + browser.Overhead, Packets.SlotLength);
        _work = new PacketRing(RingSize, _received.PacketLength, Packets.SlotLength);
        Span<byte> plain = stackalloc byte[Packets.RtpPacketLength];
        for (var i = 0; i < RingSize; i++)
        {
            Packets.WriteRtp(plain, (ushort)(1000 + i), Packets.RtpPacketLength);
            if (!browser.TryProtect(plain, _received.Slot(i), out _, out var error))
            {
                Packets.Fail(error);
            }
        }

        _outgoing = new SrtpContext(Packets.CreateMasterKey(Profile, seed: 2));
        _destination = new byte[Packets.SlotLength];
        JitWarmup.Run(NewIncomingLeg, Forward);
    }

    [IterationSetup]
    public void NewIncomingLeg()
    {
        _incoming?.Dispose();
        _incoming = new SrtpContext(_incomingKey);
        _received.CopyTo(_work);
    }

    [Benchmark(OperationsPerInvoke = RingSize)]
    public int Forward()
    {
        var incoming = _incoming!;
        var length = _work.PacketLength;
        var total = 0;
        for (var i = 0; i < RingSize; i++)
        {
            var slot = _work.Slot(i);
            if (!incoming.TryUnprotectInPlace(slot, length, out var plainLength, out var error))
            {
                Packets.Fail(error);
            }

            var packet = slot[..plainLength];
            if (!RtpPacket.TryParse(packet, out var view) || view.Ssrc != Packets.BrowserSsrc)
            {
                Packets.Fail(SrtpError.MalformedPacket);
            }

            RtpHeaderRewriter.SetSsrc(packet, OutgoingSsrc);
            RtpHeaderRewriter.SetSequenceNumber(packet, _outgoingSequence++);
            RtpHeaderRewriter.SetPayloadType(packet, OutgoingPayloadType);
            if (!_outgoing.TryProtect(packet, _destination, out var written, out error))
            {
                Packets.Fail(error);
            }

            total += written;
        }

        return total;
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _incoming?.Dispose();
        _outgoing.Dispose();
    }
}
