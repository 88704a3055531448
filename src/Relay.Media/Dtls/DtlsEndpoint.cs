using System.Diagnostics;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Relay.Media.Dtls;

/// <summary>
/// One leg's DTLS-SRTP association (RFC 5764), server or client side. The media plane feeds
/// DTLS datagrams in with <see cref="Deliver"/>, gets datagrams out through its
/// <see cref="DtlsSendCallback"/>, starts the handshake with <see cref="Start"/> and awaits
/// <see cref="Completion"/> (or takes the keys synchronously from Start's callback).
/// </summary>
/// <remarks>
/// Threading: BouncyCastle's handshake blocks, so it runs on a dedicated background thread per
/// endpoint, bounded by <see cref="DtlsOptions.HandshakeTimeout"/>; closing the transport is what
/// ends it early, so the thread never outlives a failed, timed-out or closed leg. After the
/// handshake no thread is held: datagrams that still arrive (a retransmitted final flight,
/// alerts, close_notify) are processed by a short thread-pool work item. Every public member
/// may be called from any thread.
/// </remarks>
public abstract partial class DtlsEndpoint : IDisposable
{
    private const int NotStarted = 0;
    private const int Handshaking = 1;
    private const int Established = 2;
    private const int Ended = 3;

    private readonly DtlsCertificate _certificate;
    private readonly DtlsFingerprint _expectedRemote;
    private readonly DtlsOptions _options;
    private readonly DtlsDatagramTransport _transport;
    private readonly TaskCompletionSource<DtlsSrtpKeys> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guards _state, _abortReason and _dtls, and serialises every use of _dtls after the
    // handshake (BouncyCastle's DtlsTransport is not safe for concurrent Receive and Close).
    private readonly Lock _gate = new();
    private int _state;
    private DtlsFailure? _abortReason;
    private DtlsTransport? _dtls;
    private Thread? _thread;
    private Timer? _timer;
    private DtlsSrtpKeys? _keys;
    private Action<DtlsSrtpKeys>? _onKeys;

    // The suite's exact minimum once established; during the handshake, the floor of every suite we allow.
    private int _minEncryptedRecordLength = DtlsRecordFilter.MinAeadRecordLength;

    // Stopwatch timestamps for the handshake duration; the first datagram's is set once, by CAS.
    private long _startedAt;
    private long _firstDatagramAt;

    private protected DtlsEndpoint(
        DtlsCertificate certificate, DtlsFingerprint expectedRemoteFingerprint, DtlsSendCallback send,
        DtlsOptions? options)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(expectedRemoteFingerprint);
        ArgumentNullException.ThrowIfNull(send);
        _options = options ?? DtlsOptions.Default;
        _options.Validate();
        _certificate = certificate;
        _expectedRemote = expectedRemoteFingerprint;
        _transport = new DtlsDatagramTransport(send, _options.Mtu, _options.InboundQueueCapacity, _options.Counters);
    }

    /// <summary>True for the DTLS server role (browser legs, RFC 5763 §5 <c>a=setup:passive</c>).</summary>
    public abstract bool IsServer { get; }

    /// <summary>
    /// Completes with the SRTP keys when the handshake succeeds, or fails with a
    /// <see cref="DtlsHandshakeException"/> whose <see cref="DtlsHandshakeException.Failure"/> says why.
    /// Continuations run asynchronously, never on the handshake thread.
    /// </summary>
    public Task<DtlsSrtpKeys> Completion => _completion.Task;

    /// <summary>
    /// Completes once the endpoint has ended for any reason: a failed handshake, a local
    /// <see cref="Close"/>, or the peer's close_notify or fatal alert after the handshake.
    /// </summary>
    public Task Closed => _closed.Task;

    /// <summary>
    /// Starts the handshake on its own thread. <paramref name="onKeys"/>, if given, runs on that
    /// thread the moment the keys exist, before the handshake returns and before any further
    /// DTLS datagram is read, so SRTP contexts can be installed before the peer's first media
    /// (MEDIA-NOTES pitfall 3). It must be quick and should not throw: an exception fails the
    /// handshake. Should the leg be closed or time out at that very moment, Completion can still
    /// fail after onKeys ran: Completion is the verdict. Datagrams delivered before Start are
    /// queued (within the queue bound).
    /// </summary>
    /// <exception cref="InvalidOperationException">Start was already called, or the endpoint is closed.</exception>
    public void Start(Action<DtlsSrtpKeys>? onKeys = null)
    {
        lock (_gate)
        {
            if (_state != NotStarted)
            {
                throw new InvalidOperationException("The DTLS handshake was already started or the endpoint is closed.");
            }

            _state = Handshaking;
            _onKeys = onKeys;
            _options.Counters.OnStarted();
            _startedAt = Stopwatch.GetTimestamp();
            _thread = new Thread(static self => ((DtlsEndpoint)self!).RunHandshake())
            {
                IsBackground = true,
                Name = IsServer ? "dtls-server-handshake" : "dtls-client-handshake",
            };
            _timer = new Timer(static self => ((DtlsEndpoint)self!).Abort(DtlsFailure.Timeout), this,
                _options.HandshakeTimeout, Timeout.InfiniteTimeSpan);
            _thread.Start(this);
        }
    }

    /// <summary>
    /// Hands the endpoint one DTLS datagram (RFC 7983: first byte 20–63) received for this leg.
    /// Copies it, never blocks; returns false if it was dropped because the leg's queue is full,
    /// the datagram is oversized, holds an encrypted record too short to be valid (see
    /// <see cref="DtlsRecordFilter"/>) or the endpoint has ended (counted in <see cref="DtlsCounters"/>).
    /// </summary>
    public bool Deliver(ReadOnlySpan<byte> datagram)
    {
        if (DtlsRecordFilter.HasTruncatedEncryptedRecord(datagram, Volatile.Read(ref _minEncryptedRecordLength)))
        {
            _options.Counters.OnDatagramDropped();
            return false;
        }

        if (!_transport.TryEnqueue(datagram))
        {
            return false;
        }

        if (Volatile.Read(ref _firstDatagramAt) == 0)
        {
            Interlocked.CompareExchange(ref _firstDatagramAt, Stopwatch.GetTimestamp(), 0);
        }

        SchedulePump();
        return true;
    }

    /// <summary>
    /// Ends the leg. After the handshake this sends close_notify (RFC 5246 §7.2.1); during the
    /// handshake it aborts it (Completion fails with <see cref="DtlsFailure.Closed"/>) and the
    /// handshake thread ends shortly after. Idempotent.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case NotStarted:
                    _state = Ended;
                    _transport.Close();
                    _completion.TrySetException(new DtlsHandshakeException(
                        DtlsFailure.Closed, "The DTLS endpoint was closed before the handshake started.", null));
                    _closed.TrySetResult();
                    return;
                case Handshaking:
                    _abortReason ??= DtlsFailure.Closed;
                    _transport.Close();
                    return;
                case Established:
                    _state = Ended;
                    // Sends close_notify, then closes the transport.
                    _dtls!.Close();
                    _closed.TrySetResult();
                    return;
                default:
                    return;
            }
        }
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Waits for the handshake thread to end; for tests that prove no thread leaks.</summary>
    internal bool JoinHandshakeThread(TimeSpan timeout) => _thread?.Join(timeout) ?? true;

    /// <summary>Runs BouncyCastle's blocking handshake (Accept or Connect) over the transport.</summary>
    private protected abstract DtlsTransport Handshake(BcTlsCrypto crypto, DtlsHandshakeState state, DatagramTransport transport);

    private void RunHandshake()
    {
        var state = new DtlsHandshakeState(_certificate, _expectedRemote, _options, OnKeys);
        try
        {
            var dtls = Handshake(new BcTlsCrypto(), state, _transport);
            lock (_gate)
            {
                if (_state != Handshaking || _abortReason is not null)
                {
                    dtls.Close();
                    throw new InvalidOperationException("The handshake finished after the leg was aborted.");
                }

                _dtls = dtls;
                Volatile.Write(ref _minEncryptedRecordLength, state.MinEncryptedRecordLength);
                _state = Established;
            }

            var first = Volatile.Read(ref _firstDatagramAt);
            _options.Counters.OnCompleted(Stopwatch.GetElapsedTime(first != 0 ? first : _startedAt));
            // Set by OnKeys: BouncyCastle returns only after NotifyHandshakeComplete exported them.
            _completion.TrySetResult(_keys!);
            // Datagrams that arrived while the handshake was finishing were not pumped yet.
            SchedulePump();
        }
#pragma warning disable CA1031 // The handshake thread must end cleanly whatever BouncyCastle throws; the cause is reported.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Fail(state, exception);
        }
        finally
        {
            _timer?.Dispose();
        }
    }

    private void OnKeys(DtlsSrtpKeys keys)
    {
        _keys = keys;
        _onKeys?.Invoke(keys);
    }

    /// <summary>Stops a running handshake by closing its transport; the handshake thread reports the reason.</summary>
    private void Abort(DtlsFailure reason)
    {
        lock (_gate)
        {
            if (_state != Handshaking)
            {
                return;
            }

            _abortReason ??= reason;
            _transport.Close();
        }
    }

    private void Fail(DtlsHandshakeState state, Exception exception)
    {
        DtlsFailure failure;
        lock (_gate)
        {
            failure = state.Failure ?? _abortReason ?? exception switch
            {
                TlsTimeoutException => DtlsFailure.Timeout,
                TlsFatalAlertReceived => DtlsFailure.RemoteAlert,
                _ => DtlsFailure.HandshakeFailed,
            };
            _state = Ended;
            _transport.Close();
        }

        _options.Counters.OnFailed(failure);
        _completion.TrySetException(new DtlsHandshakeException(failure, Describe(failure, exception), exception));
        _closed.TrySetResult();
    }

    private string Describe(DtlsFailure failure, Exception exception) => failure switch
    {
        DtlsFailure.Timeout => $"The DTLS handshake did not finish within {_options.HandshakeTimeout.TotalSeconds:0.###} s.",
        DtlsFailure.Closed => "The DTLS endpoint was closed during the handshake.",
        _ => $"The DTLS handshake failed ({failure}): {exception.Message}",
    };
}
