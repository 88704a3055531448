using Relay.Media.Dtls;
using Relay.Media.Srtp;

namespace Relay.Media.Client;

// Connection set-up: the answer, ICE, then DTLS-SRTP over the same socket (RFC 5764).
public sealed partial class ClientPeer
{
    /// <summary>How long the receive loop waits for keys when SRTP overtakes the end of our handshake.</summary>
    private static readonly TimeSpan EarlyPacketWait = TimeSpan.FromMilliseconds(200);

    private readonly ManualResetEventSlim _keysInstalled = new();

    /// <summary>
    /// Raised on the DTLS handshake thread the moment SRTP keys exist, before
    /// <see cref="ConnectAsync"/> returns. A handler that sends at once behaves like Chromium,
    /// which sends media as soon as it has the server's Finished (MEDIA-NOTES pitfall 3).
    /// </summary>
    public event Action<ClientPeer>? KeysInstalled;

    /// <summary>
    /// Completes when the DTLS association has ended: the relay's close_notify (its hang-up) or
    /// our own <see cref="DisposeAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">ConnectAsync has not started DTLS yet.</exception>
    public Task DtlsClosed => Volatile.Read(ref _dtls)?.Closed ?? throw new InvalidOperationException("DTLS has not started.");

    /// <summary>
    /// Reads the relay's answer, runs the connectivity check until the relay answers it with a
    /// verified response, then the DTLS handshake (pinning the relay's certificate to the
    /// answer's fingerprint), installs SRTP and starts consent checks.
    /// </summary>
    /// <exception cref="FormatException">The answer cannot be used.</exception>
    /// <exception cref="DtlsHandshakeException">The handshake failed.</exception>
    public async Task ConnectAsync(string answerSdp, CancellationToken cancellationToken)
    {
        if (Answer is not null)
        {
            throw new InvalidOperationException("The peer is already connected or connecting.");
        }

        if (!RelayAnswer.TryParse(answerSdp, out var parsed, out var error))
        {
            throw new FormatException(error);
        }

        var answer = parsed!;
        Answer = answer;
        if (IsTcp)
        {
            await ConnectTcpAsync(answer, cancellationToken);
        }
        else
        {
            _relay = answer.EndPoint.Serialize();
        }

        await RunConnectivityCheckAsync(answer, cancellationToken);

        var dtls = new DtlsClient(Certificate, answer.Fingerprint, Send, _options.Dtls ?? new DtlsOptions { Counters = new DtlsCounters() });
        Volatile.Write(ref _dtls, dtls);
        // The relay sends SRTP as soon as it has our Finished; the contexts must exist before the
        // handshake returns (MEDIA-NOTES pitfall 3), so they are made in the keys callback.
        dtls.Start(InstallSrtp);
        var keys = await dtls.Completion.WaitAsync(cancellationToken);
        SrtpProfile = keys.Profile;
        StartConsentChecks();
    }

    /// <summary>
    /// The relay may send SRTP (a key-frame request) right after its Finished, which our
    /// handshake thread may not have turned into keys yet. One connection per socket, so the
    /// receive loop can afford to wait for them, briefly: true when the keys are there.
    /// </summary>
    private bool AwaitKeysForEarlyPacket() =>
        _keysInstalled.IsSet
        || (Volatile.Read(ref _dtls) is { Completion.IsCompleted: false } && _keysInstalled.Wait(EarlyPacketWait));

    private void InstallSrtp(DtlsSrtpKeys keys)
    {
        var profile = (SrtpProfile)(ushort)keys.Profile;
        var local = new SrtpMasterKey(profile, keys.LocalMasterKey, keys.LocalMasterSalt);
        var remote = new SrtpMasterKey(profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
        var inbound = new Dictionary<uint, InboundStream>();
        foreach (var (ssrc, kind) in Answer!.Ssrcs)
        {
            inbound[ssrc] = new InboundStream(kind, new SrtpContext(remote));
        }

        lock (_sendGate)
        {
            _localKey = local;
            _audioOut = new SrtpContext(local);
            _videoOut = new SrtpContext(local);
        }

        InstallRecovery(inbound, local);

        // Published last: the receive loop reads the key and then the streams.
        Volatile.Write(ref _remoteKey, remote);
        Volatile.Write(ref _inbound, inbound);
        _keysInstalled.Set();
        KeysInstalled?.Invoke(this);
    }
}
