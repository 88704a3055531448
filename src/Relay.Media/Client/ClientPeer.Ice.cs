using System.Net;
using System.Security.Cryptography;
using System.Text;
using Relay.Media.Sdp;
using Relay.Media.Stun;

namespace Relay.Media.Client;

// ICE as the controlling full agent (RFC 8445 §7.2.2) against the relay's ICE-lite agent, and
// consent freshness afterwards (RFC 7675).
public sealed partial class ClientPeer
{
    /// <summary>A Binding request with every ICE attribute fits easily.</summary>
    private const int CheckBufferSize = 256;

    /// <summary>Our host candidate's priority (RFC 8445 §5.1.2.1): host type, highest local preference, component 1.</summary>
    private static readonly uint HostPriority =
        IcePriority.Compute(IcePriority.RecommendedTypePreference(IceCandidateType.Host), IcePriority.MaxLocalPreference, 1);

    private readonly ulong _tieBreaker = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
    private readonly Lock _iceGate = new();
    private readonly byte[] _checkTransaction = new byte[StunTransactionId.Length];
    private readonly byte[] _consentTransaction = new byte[StunTransactionId.Length];
    private byte[] _username = [];
    private byte[] _remotePassword = [];
    private TaskCompletionSource? _checkSucceeded;
    private Timer? _consentTimer;
    private long _consentResponses;
    private long _stunIntegrityFailures;

    /// <summary>The XOR-MAPPED-ADDRESS of the verified check: where the relay saw us come from.</summary>
    public IPEndPoint? MappedAddress { get; private set; }

    /// <summary>Consent checks the relay answered with a verified response.</summary>
    public long ConsentResponses => Interlocked.Read(ref _consentResponses);

    /// <summary>STUN responses whose MESSAGE-INTEGRITY (the relay's password) did not verify.</summary>
    public long StunIntegrityFailures => Interlocked.Read(ref _stunIntegrityFailures);

    /// <summary>Stops consent checks, as a browser that went away would (the relay must then expire the leg).</summary>
    public void StopConsentChecks()
    {
        lock (_iceGate)
        {
            _consentTimer?.Dispose();
            _consentTimer = null;
        }
    }

    /// <summary>
    /// Retransmits one nominating check (USE-CANDIDATE, regular nomination collapsed into one
    /// step, as an agent may against ICE-lite, RFC 8445 §8.1.1) until a verified success arrives.
    /// The same transaction id is reused for retransmissions (RFC 8489 §6.2.1).
    /// </summary>
    private async Task RunConnectivityCheckAsync(RelayAnswer answer, CancellationToken cancellationToken)
    {
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_iceGate)
        {
            // The relay is the receiver of our checks: USERNAME is "relayUfrag:ourUfrag" (RFC 8445 §7.2.2).
            _username = Encoding.ASCII.GetBytes(answer.IceUfrag + ":" + LocalIce.Ufrag);
            _remotePassword = Encoding.UTF8.GetBytes(answer.IcePwd);
            StunTransactionId.Generate(_checkTransaction);
            _checkSucceeded = succeeded;
        }

        while (!succeeded.Task.IsCompleted)
        {
            SendCheck(_checkTransaction, useCandidate: true);
            await Task.WhenAny(succeeded.Task, Task.Delay(_options.CheckInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void StartConsentChecks()
    {
        lock (_iceGate)
        {
            _consentTimer ??= new Timer(
                static self =>
                {
                    var peer = (ClientPeer)self!;
                    lock (peer._iceGate)
                    {
                        // A new transaction per check: consent is about fresh answers (RFC 7675 §5.1).
                        StunTransactionId.Generate(peer._consentTransaction);
                    }

                    peer.SendCheck(peer._consentTransaction, useCandidate: false);
                },
                this,
                _options.ConsentInterval,
                _options.ConsentInterval);
        }
    }

    private void SendCheck(ReadOnlySpan<byte> transactionId, bool useCandidate)
    {
        Span<byte> buffer = stackalloc byte[CheckBufferSize];
        var request = new StunBindingRequest(transactionId)
        {
            Username = _username,
            IntegrityKey = _remotePassword,
            Priority = HostPriority,
            IceControlling = _tieBreaker,
            UseCandidate = useCandidate,
        };
        if (request.TryWriteTo(buffer, out var written))
        {
            Send(buffer[..written]);
        }
    }

    /// <summary>Only a success response whose integrity verifies with the relay's password counts (RFC 8445 §7.2.5.2).</summary>
    private void OnStun(ReadOnlySpan<byte> datagram)
    {
        if (!StunMessage.TryParse(datagram, out var message)
            || message.Method != StunMethod.Binding
            || message.Class != StunClass.SuccessResponse)
        {
            Interlocked.Increment(ref _ignoredDatagrams);
            return;
        }

        if (!message.HasMessageIntegrity
            || !message.VerifyMessageIntegrity(_remotePassword)
            || (message.HasFingerprint && !message.VerifyFingerprint()))
        {
            Interlocked.Increment(ref _stunIntegrityFailures);
            return;
        }

        lock (_iceGate)
        {
            if (message.TransactionId.SequenceEqual(_checkTransaction) && _checkSucceeded is { Task.IsCompleted: false } pending)
            {
                if (message.TryGetXorMappedAddress(out var mapped))
                {
                    MappedAddress = mapped.ToEndPoint();
                }

                pending.TrySetResult();
            }
            else if (message.TransactionId.SequenceEqual(_consentTransaction))
            {
                Interlocked.Increment(ref _consentResponses);
            }
        }
    }
}
