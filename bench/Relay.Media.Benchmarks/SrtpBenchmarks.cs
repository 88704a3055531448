using BenchmarkDotNet.Attributes;
using Relay.Media.Rtp;
using Relay.Media.Srtp;

namespace Relay.Media.Benchmarks;

/// <summary>
/// SRTP protect and unprotect of 1,200-octet RTP packets (Chromium's extension block included),
/// per profile, into a separate buffer and in place. Each benchmark walks a ring of
/// <see cref="RingSize"/> distinct packets and reports the cost of one packet.
/// </summary>
/// <remarks>
/// Unprotect needs packets the receiver has not seen: the replay window refuses a second copy
/// (RFC 3711 §3.3.2). The ring holds packets with increasing sequence numbers, and every
/// iteration starts with a new receiving context ([IterationSetup], outside the measurement;
/// the in-place case also restores the ring). An iteration is one pass of the whole ring,
/// ~10 ms, so the per-iteration setup does not distort the per-packet figure; the code is
/// warmed up first (<see cref="JitWarmup"/>).
/// Protect needs no fresh state: the sender numbers each packet anew, as the relay's sending
/// leg does, so its index keeps moving forward across passes.
/// </remarks>
[MemoryDiagnoser]
public class SrtpBenchmarks
{
    public const int RingSize = 8192;

    private PacketRing _plain = null!;
    private PacketRing _protected = null!;
    private PacketRing _inPlace = null!;
    private byte[] _destination = null!;
    private SrtpMasterKey _key = null!;
    private SrtpContext _sender = null!;
    private SrtpContext? _receiver;
    private ushort _sequence;

    [Params(SrtpProfile.Aes128CmHmacSha1Tag80, SrtpProfile.AeadAes128Gcm)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup(Targets = [nameof(Protect), nameof(ProtectInPlace)])]
    public void GlobalSetup()
    {
        _key = Packets.CreateMasterKey(Profile, seed: 1);
        _plain = new PacketRing(RingSize, Packets.RtpPacketLength, Packets.SlotLength);
        using var browser = new SrtpContext(_key);
        _protected = new PacketRing(RingSize, Packets.RtpPacketLength + browser.Overhead, Packets.SlotLength);
        _inPlace = new PacketRing(RingSize, Packets.RtpPacketLength, Packets.SlotLength);
        for (var i = 0; i < RingSize; i++)
        {
            Packets.WriteRtp(_plain.Slot(i), (ushort)(1000 + i), Packets.RtpPacketLength);
            if (!browser.TryProtect(_plain.Packet(i), _protected.Slot(i), out _, out var error))
            {
                Packets.Fail(error);
            }
        }

        _plain.CopyTo(_inPlace);
        _destination = new byte[Packets.SlotLength];
        _sender = new SrtpContext(_key);
    }

    [GlobalSetup(Target = nameof(Unprotect))]
    public void GlobalSetupUnprotect()
    {
        GlobalSetup();
        JitWarmup.Run(NewReceiver, Unprotect);
    }

    [GlobalSetup(Target = nameof(UnprotectInPlace))]
    public void GlobalSetupUnprotectInPlace()
    {
        GlobalSetup();
        JitWarmup.Run(NewReceiverAndRing, UnprotectInPlace);
    }

    [IterationSetup(Target = nameof(Unprotect))]
    public void NewReceiver()
    {
        _receiver?.Dispose();
        _receiver = new SrtpContext(_key);
    }

    [IterationSetup(Target = nameof(UnprotectInPlace))]
    public void NewReceiverAndRing()
    {
        NewReceiver();
        _protected.CopyTo(_inPlace);
    }

    [Benchmark(OperationsPerInvoke = RingSize)]
    public int Protect()
    {
        var total = 0;
        for (var i = 0; i < RingSize; i++)
        {
            var packet = _plain.Packet(i);
            RtpHeaderRewriter.SetSequenceNumber(packet, _sequence++);
            if (!_sender.TryProtect(packet, _destination, out var written, out var error))
            {
                Packets.Fail(error);
            }

            total += written;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = RingSize)]
    public int ProtectInPlace()
    {
        // The slot is re-encrypted on every pass; the header stays clear, and the cipher does
        // the same work on ciphertext as on plaintext.
        var total = 0;
        for (var i = 0; i < RingSize; i++)
        {
            var slot = _inPlace.Slot(i);
            RtpHeaderRewriter.SetSequenceNumber(slot, _sequence++);
            if (!_sender.TryProtectInPlace(slot, Packets.RtpPacketLength, out var written, out var error))
            {
                Packets.Fail(error);
            }

            total += written;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = RingSize)]
    public int Unprotect()
    {
        var receiver = _receiver!;
        var total = 0;
        for (var i = 0; i < RingSize; i++)
        {
            if (!receiver.TryUnprotect(_protected.Packet(i), _destination, out var written, out var error))
            {
                Packets.Fail(error);
            }

            total += written;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = RingSize)]
    public int UnprotectInPlace()
    {
        var receiver = _receiver!;
        var length = _protected.PacketLength;
        var total = 0;
        for (var i = 0; i < RingSize; i++)
        {
            if (!receiver.TryUnprotectInPlace(_inPlace.Slot(i), length, out var written, out var error))
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
        _sender.Dispose();
        _receiver?.Dispose();
    }
}
