using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Relay.Media.Dtls;
using Relay.Media.Ice;
using Relay.Media.Sessions;
using Relay.Media.Transport;

namespace Relay.Media.Client;

/// <summary>
/// The browser's side of a WebRTC connection to the relay, in C#: for tests and the load
/// generator. It offers like Chromium (<see cref="CreateOffer"/>), runs ICE as the controlling
/// full agent against the relay's ICE-lite agent, is the DTLS client (it offers actpass, the
/// relay answers passive, RFC 5763 §5), and sends and receives SRTP on its own UDP socket, or,
/// with <see cref="ClientPeerOptions.Transport"/> TCP, on one ICE-TCP connection.
/// </summary>
/// <remarks>
/// Threading: one receive loop reads the socket and owns the inbound SRTP/SRTCP contexts; the
/// send path (any thread) is serialised by one lock that owns the outbound contexts and the send
/// buffer; the consent timer sends on its own buffer. Nothing on either packet path allocates.
/// </remarks>
public sealed partial class ClientPeer : IAsyncDisposable
{
    /// <summary>Larger than anything the relay sends, so an oversized datagram shows as such.</summary>
    private const int BufferSize = 2048;

    private readonly ClientPeerOptions _options;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private SocketAddress? _relay;
    private DtlsClient? _dtls;
    private long _receiveFaults;
    private long _ignoredDatagrams;
    private int _disposed;

    public ClientPeer(ClientPeerOptions? options = null)
    {
        _options = options ?? new ClientPeerOptions();
        Certificate = _options.Certificate ?? DtlsCertificate.Create("client-peer");
        AudioSsrc = RandomSsrc();
        VideoSsrc = RandomSsrc();
        VideoRtxSsrc = RandomSsrc();
        _sequence = [_options.InitialSequenceNumber ?? RandomSequence(), _options.InitialSequenceNumber ?? RandomSequence()];
        _socket = IsTcp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = 1024 * 1024;
            // Bound now even for TCP, so LocalEndPoint is known before the connection exists.
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiveLoop = Task.Factory.StartNew(IsTcp ? TcpReceiveLoopAsync : (Func<Task>)ReceiveLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Our ICE username fragment and password, as put in the offer.</summary>
    public IceCredentials LocalIce { get; } = IceCredentials.CreateRandom();

    public DtlsCertificate Certificate { get; }

    public IPEndPoint LocalEndPoint { get; }

    public uint AudioSsrc { get; }

    public uint VideoSsrc { get; }

    /// <summary>Announced in an FID group like Chromium's RTX stream; never sent.</summary>
    public uint VideoRtxSsrc { get; }

    /// <summary>The parsed answer, once <see cref="ConnectAsync"/> has read it.</summary>
    public RelayAnswer? Answer { get; private set; }

    /// <summary>The profile DTLS negotiated, once connected.</summary>
    public DtlsSrtpProfile? SrtpProfile { get; private set; }

    /// <summary>Datagrams whose handling threw; a correct peer keeps this at 0.</summary>
    public long ReceiveFaults => Interlocked.Read(ref _receiveFaults);

    /// <summary>Datagrams from anyone but the relay, or of a kind a browser ignores.</summary>
    public long IgnoredDatagrams => Interlocked.Read(ref _ignoredDatagrams);

    /// <summary>Sends any bytes to the relay from our socket (attack and fuzz tests); over TCP, as one frame.</summary>
    public void SendRaw(ReadOnlySpan<byte> datagram) => Send(datagram);

    private bool IsTcp => _options.Transport == MediaTransport.Tcp;

    private static uint RandomSsrc() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);

    private void Send(ReadOnlySpan<byte> datagram)
    {
        if (_relay is not { } relay)
        {
            throw new InvalidOperationException("ConnectAsync has not read the answer yet.");
        }

        if (IsTcp)
        {
            SendFrame(datagram);
            return;
        }

        try
        {
            _socket.SendTo(datagram, SocketFlags.None, relay);
        }
        catch (SocketException)
        {
            // UDP promises nothing; a failed send is loss, as it is for a browser.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while a timer or a test was still sending.
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = GC.AllocateArray<byte>(BufferSize, pinned: true);
        var remote = new SocketAddress(AddressFamily.InterNetwork);
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, remote, token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue;
            }

            try
            {
                OnDatagram(buffer.AsSpan(0, length), remote);
            }
#pragma warning disable CA1031 // A test peer must outlive any datagram; the fault is counted and asserted on.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _receiveFaults);
            }
        }
    }

    private void OnDatagram(Span<byte> datagram, SocketAddress remote)
    {
        // Like a browser, only the selected pair's remote address counts (RFC 8445 §12).
        if (_relay is null || !remote.Equals(_relay))
        {
            Interlocked.Increment(ref _ignoredDatagrams);
            return;
        }

        switch (PacketDemux.Classify(datagram))
        {
            case PacketKind.Stun:
                OnStun(datagram);
                break;
            case PacketKind.Dtls:
                Volatile.Read(ref _dtls)?.Deliver(datagram);
                break;
            case PacketKind.Rtp:
                OnRtp(datagram);
                break;
            case PacketKind.Rtcp:
                OnRtcp(datagram);
                break;
            default:
                Interlocked.Increment(ref _ignoredDatagrams);
                break;
        }
    }

    /// <summary>Hangs up like a browser's pc.close(): close_notify to the relay (RFC 5246 §7.2.1), then the socket closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        StopConsentChecks();
        StopRecovery();
        Volatile.Read(ref _dtls)?.Dispose();
        await _stop.CancelAsync();
        _socket.Dispose();
        await _receiveLoop;
        DisposeSrtp();
        _keysInstalled.Dispose();
        _stop.Dispose();
    }
}
