using System.Net;
using System.Text;
using Relay.Media.Stun;

namespace Relay.Media.Ice;

/// <summary>
/// The ICE-lite side of one leg (RFC 8445 §2.5): it never sends checks, it answers the
/// browser's. A check counts only with the right USERNAME and a verified MESSAGE-INTEGRITY
/// (our password) and FINGERPRINT; only then may its source address carry the leg's DTLS and
/// media, and only then does it refresh consent (RFC 7675). Used on the socket's receive thread;
/// <see cref="LastConsent"/> is read by the consent timer from another thread.
/// </summary>
public sealed class IceLiteAgent
{
    private readonly byte[] _localUfrag;
    private readonly byte[] _localPassword;
    private readonly byte[] _remoteUfrag;
    private long _lastConsentTicks;

    public IceLiteAgent(IceCredentials local, string remoteUfrag)
    {
        Local = local;
        RemoteUfrag = remoteUfrag;
        _localUfrag = Encoding.ASCII.GetBytes(local.Ufrag);
        _localPassword = Encoding.UTF8.GetBytes(local.Password);
        _remoteUfrag = Encoding.ASCII.GetBytes(remoteUfrag);
        _lastConsentTicks = Environment.TickCount64;
    }

    public IceCredentials Local { get; }

    public string RemoteUfrag { get; }

    /// <summary>When the last authenticated check arrived (Environment.TickCount64 milliseconds; starts at creation).</summary>
    public long LastConsent => Interlocked.Read(ref _lastConsentTicks);

    /// <summary>
    /// Checks a request addressed to this leg and, when it is authentic, writes the success
    /// response into <paramref name="response"/>. <paramref name="nominated"/> tells whether the
    /// browser (the controlling agent) chose this pair with USE-CANDIDATE.
    /// </summary>
    public IceCheckResult Check(in StunMessage request, IPEndPoint source, Span<byte> response, out int written, out bool nominated) =>
        Check(request, StunAddress.FromEndPoint(source), response, out written, out nominated);

    /// <inheritdoc cref="Check(in StunMessage, IPEndPoint, Span{byte}, out int, out bool)"/>
    /// <remarks>Allocation-free: the relay answers every consent check of every leg (RFC 7675).</remarks>
    public IceCheckResult Check(in StunMessage request, StunAddress source, Span<byte> response, out int written, out bool nominated)
    {
        written = 0;
        nominated = false;
        if (request.Method != StunMethod.Binding || request.Class != StunClass.Request)
        {
            return IceCheckResult.NotABindingRequest;
        }

        if (!request.TryGetUsername(out var username)
            || !IceUsername.TrySplit(username, out var receiver, out var sender)
            || !receiver.SequenceEqual(_localUfrag)
            || !sender.SequenceEqual(_remoteUfrag))
        {
            return IceCheckResult.WrongUsername;
        }

        // RFC 8445 §7.3: a check without integrity, or with the wrong one, gets no answer we act on.
        if (!request.HasMessageIntegrity
            || !request.VerifyMessageIntegrity(_localPassword)
            || (request.HasFingerprint && !request.VerifyFingerprint()))
        {
            return IceCheckResult.IntegrityFailed;
        }

        var reply = new StunBindingResponse(request.TransactionId, source) { IntegrityKey = _localPassword };
        if (!reply.TryWriteTo(response, out written))
        {
            throw new ArgumentException("The response buffer is too small for a Binding response.", nameof(response));
        }

        nominated = request.HasUseCandidate;
        Interlocked.Exchange(ref _lastConsentTicks, Environment.TickCount64);
        return IceCheckResult.Accepted;
    }
}
