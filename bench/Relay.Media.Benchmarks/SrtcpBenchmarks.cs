using BenchmarkDotNet.Attributes;
using Relay.Media.Srtp;

namespace Relay.Media.Benchmarks;

/// <summary>
/// SRTCP protect and unprotect of a 100-octet compound RTCP packet (SR + SDES + NACK), per
/// profile, into a separate buffer. Unprotect walks a ring of packets with increasing SRTCP
/// indices and starts each iteration with a new receiving context, for the same replay-window
/// reason as <see cref="SrtpBenchmarks"/>, after a <see cref="JitWarmup"/>.
/// </summary>
[MemoryDiagnoser]
public class SrtcpBenchmarks
{
    public const int RingSize = 8192;
    private const int SlotLength = 128;

    private byte[] _rtcp = null!;
    private PacketRing _protected = null!;
    private byte[] _destination = null!;
    private SrtpMasterKey _key = null!;
    private SrtcpContext _sender = null!;
    private SrtcpContext? _receiver;

    [Params(SrtpProfile.Aes128CmHmacSha1Tag80, SrtpProfile.AeadAes128Gcm)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup(Target = nameof(Protect))]
    public void GlobalSetup()
    {
        _key = Packets.CreateMasterKey(Profile, seed: 1);
        _rtcp = Packets.CreateRtcp();
        using var browser = new SrtcpContext(_key);
        _protected = new PacketRing(RingSize, _rtcp.Length + browser.Overhead, SlotLength);
        for (var i = 0; i < RingSize; i++)
        {
            if (!browser.TryProtect(_rtcp, _protected.Slot(i), out _, out var error))
            {
                Packets.Fail(error);
            }
        }

        _destination = new byte[SlotLength];
        _sender = new SrtcpContext(_key);
    }

    [GlobalSetup(Target = nameof(Unprotect))]
    public void GlobalSetupUnprotect()
    {
        GlobalSetup();
        JitWarmup.Run(NewReceiver, Unprotect);
    }

    [IterationSetup(Target = nameof(Unprotect))]
    public void NewReceiver()
    {
        _receiver?.Dispose();
        _receiver = new SrtcpContext(_key);
    }

    [Benchmark]
    public int Protect()
    {
        // Each call takes the next SRTCP index; 2^31 of them outlast any run.
        if (!_sender.TryProtect(_rtcp, _destination, out var written, out var error))
        {
            Packets.Fail(error);
        }

        return written;
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

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _sender.Dispose();
        _receiver?.Dispose();
    }
}
