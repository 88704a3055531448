using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Relay.Media.Transport;

namespace Relay.Media.Client;

// ICE-TCP as Chromium does it: an active connection (RFC 6544) to the relay's passive candidate,
// every packet an RFC 4571 frame. ICE checks, DTLS and SRTP then run over it unchanged.
public sealed partial class ClientPeer
{
    private readonly TaskCompletionSource _tcpConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _tcpSendGate = new();

    /// <summary>Frames the relay sent that were not valid RFC 4571 (it should send none).</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    private long _badFrames;

    private async Task ConnectTcpAsync(RelayAnswer answer, CancellationToken cancellationToken)
    {
        var relay = answer.TcpEndPoint ?? throw new FormatException("The answer has no passive TCP candidate to connect to.");
        await _socket.ConnectAsync(relay, cancellationToken);
        _relay = relay.Serialize();
        _tcpConnected.TrySetResult();
    }

    /// <summary>
    /// One frame per packet, written whole under a lock: senders on several threads (the DTLS
    /// handshake, consent checks, media) must not interleave their bytes. A blocking send is fine
    /// for a test peer; the relay is the side that must never block.
    /// </summary>
    private void SendFrame(ReadOnlySpan<byte> packet)
    {
        Span<byte> frame = stackalloc byte[Rfc4571Framer.GetFrameSize(BufferSize)];
        if (!Rfc4571Framer.TryWriteFrame(packet, frame, out var written))
        {
            return;
        }

        try
        {
            lock (_tcpSendGate)
            {
                _socket.Send(frame[..written], SocketFlags.None);
            }
        }
        catch (SocketException)
        {
            // The relay closed the connection: what we send is lost, as it would be for a browser.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while a timer or a test was still sending.
        }
    }

    private async Task TcpReceiveLoopAsync()
    {
        var token = _stop.Token;
        try
        {
            await _tcpConnected.Task.WaitAsync(token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // A browser accepts any 16-bit length; so does this reader.
        var framer = new Rfc4571Framer(Rfc4571Framer.MaxPayloadLength);
        var scratch = new byte[Rfc4571Framer.MaxPayloadLength];
        var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false), new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (!token.IsCancellationRequested)
            {
                var result = await reader.ReadAsync(token);
                var buffer = result.Buffer;
                if (!ReadFrames(framer, ref buffer, scratch))
                {
                    Interlocked.Increment(ref _badFrames);
                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
            // Disposed, or the relay closed the connection.
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Hands each whole frame to the datagram path; false on an empty frame (a broken stream).</summary>
    private bool ReadFrames(Rfc4571Framer framer, ref ReadOnlySequence<byte> buffer, byte[] scratch)
    {
        while (true)
        {
            switch (framer.TryReadFrame(ref buffer, out var frame))
            {
                case Rfc4571ReadStatus.Frame:
                    break;
                case Rfc4571ReadStatus.NeedMoreData:
                    return true;
                default:
                    return false;
            }

            // Copied: the SRTP path decrypts in place, and the pipe's memory is read-only to us.
            var length = (int)frame.Length;
            frame.CopyTo(scratch);
            try
            {
                OnDatagram(scratch.AsSpan(0, length), _relay!);
            }
#pragma warning disable CA1031 // A test peer must outlive any frame; the fault is counted and asserted on.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _receiveFaults);
            }
        }
    }
}
