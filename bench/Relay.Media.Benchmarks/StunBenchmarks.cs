using BenchmarkDotNet.Attributes;
using Relay.Media.Stun;

namespace Relay.Media.Benchmarks;

/// <summary>
/// The ICE-lite connectivity-check path: a Chromium-like Binding request (USERNAME, PRIORITY,
/// ICE-CONTROLLING, USE-CANDIDATE, MESSAGE-INTEGRITY, FINGERPRINT) parsed and verified in the
/// order <see cref="StunMessage"/> documents, and the Binding success response written
/// (XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT).
/// </summary>
/// <remarks>
/// Chromium also sends GOOG-NETWORK-INFO (0xC057); <see cref="StunBindingRequest"/> cannot write
/// it, and it is 8 octets the relay skips, so the request here is 8 octets shorter.
/// </remarks>
[MemoryDiagnoser]
public class StunBenchmarks
{
    // Chromium's ufrag is 4 characters and its password 24; the relay's are its own choice.
    private static ReadOnlySpan<byte> Username => "rL7x9QmW2dKp0sTb:aB3d"u8;

    private static ReadOnlySpan<byte> RelayPassword => "hV3qL8nR2wX6tY0pK4mZ9cB1"u8;

    private byte[] _request = null!;
    private byte[] _transactionId = null!;
    private byte[] _response = null!;
    private StunAddress _browserAddress;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _transactionId = new byte[StunTransactionId.Length];
        StunTransactionId.Generate(_transactionId);
        var request = new StunBindingRequest(_transactionId)
        {
            Username = Username,
            IntegrityKey = RelayPassword,
            Priority = 1_853_824_767,
            IceControlling = 0x1234_5678_9ABC_DEF0,
            UseCandidate = true,
        };
        _request = new byte[request.GetSize()];
        if (!request.TryWriteTo(_request, out _))
        {
            throw new InvalidOperationException("Could not build the STUN request.");
        }

        _browserAddress = new StunAddress([192, 0, 2, 10], 54_321);
        _response = new byte[256];
        if (VerifyRequest() == 0 || WriteResponse() == 0)
        {
            throw new InvalidOperationException("The STUN fixtures do not round-trip.");
        }
    }

    [Benchmark(Baseline = true)]
    public int Parse()
    {
        if (!StunMessage.TryParse(_request, out var message))
        {
            throw new InvalidOperationException("The fixture did not parse.");
        }

        return message.Bytes.Length;
    }

    /// <summary>TryParse → VerifyFingerprint → USERNAME split → VerifyMessageIntegrity → PRIORITY, USE-CANDIDATE.</summary>
    [Benchmark]
    public int VerifyRequest()
    {
        if (!StunMessage.TryParse(_request, out var message)
            || !message.VerifyFingerprint()
            || !message.TryGetAttribute(StunAttributeType.Username, out var username)
            || !IceUsername.TrySplit(username, out var relayUfrag, out _)
            || !message.VerifyMessageIntegrity(RelayPassword))
        {
            throw new InvalidOperationException("The request did not verify.");
        }

        var nominated = message.TryGetAttribute(StunAttributeType.UseCandidate, out _);
        message.TryGetAttribute(StunAttributeType.Priority, out var priority);
        return relayUfrag.Length + priority.Length + (nominated ? 1 : 0);
    }

    [Benchmark]
    public int WriteResponse()
    {
        var response = new StunBindingResponse(_transactionId, _browserAddress) { IntegrityKey = RelayPassword };
        if (!response.TryWriteTo(_response, out var written))
        {
            throw new InvalidOperationException("The response did not fit.");
        }

        return written;
    }
}
