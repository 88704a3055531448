using Relay.Media.Dtls;
using Relay.Media.Srtp;

namespace Relay.Media.Client;

// Connection set-up: the answer, ICE, then DTLS-SRTP over the same socket (RFC 5764).
public sealed partial class ClientPeer
{
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

        if (!RelayAnswer.TryParse(answerSdp, out var answer, out var error))
        {
            throw new FormatException(error);
        }

        Answer = answer!;
        _relay = answer!.EndPoint.Serialize();
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

        // Published last: the receive loop reads the key and then the streams.
        Volatile.Write(ref _remoteKey, remote);
        Volatile.Write(ref _inbound, inbound);
    }
}
