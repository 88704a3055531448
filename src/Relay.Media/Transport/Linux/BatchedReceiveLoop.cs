using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Relay.Media.Transport.Linux;

/// <summary>
/// The receive thread on Linux: recvmmsg takes every queued datagram in one call, the handler's
/// sends leave in one sendmmsg, and while media flows the thread sleeps a short coalescing
/// interval between batches instead of waking for each datagram. At 40 calls (17,600 packets/s)
/// the per-datagram loop spent more than half its CPU time in the kernel, mostly on a wake-up
/// and two system calls per packet (bench/README.md, "Load generator").
/// </summary>
/// <remarks>
/// The interval bounds the latency added (a datagram waits at most that long); when nothing
/// arrived the thread blocks in poll, so an idle relay costs nothing. A stop is signalled
/// through an eventfd the poll also watches, and the socket handle is held (AddRef) while the
/// loop runs, so its descriptor cannot be closed and reused under the loop.
/// </remarks>
internal sealed unsafe class BatchedReceiveLoop : IDisposable
{
    private const int BatchCapacity = 64;

    private readonly Socket _socket;
    private readonly int _descriptor;
    private readonly int _wakeEvent;
    private readonly LinuxSocketInterop.TimeSpec _interval;
    private readonly bool _coalescing;
    private readonly MessageBatch _received;
    private volatile bool _stopping;

    public BatchedReceiveLoop(Socket socket, int receiveBufferSize, int sendSlotSize, TimeSpan interval)
    {
        _socket = socket;
        _descriptor = (int)socket.SafeHandle.DangerousGetHandle();
        _wakeEvent = LinuxSocketInterop.CreateEvent(0, LinuxSocketInterop.EfdCloexec | LinuxSocketInterop.EfdNonblock);
        if (_wakeEvent < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        var ticks = interval.Ticks;
        _interval = new LinuxSocketInterop.TimeSpec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        _coalescing = ticks > 0;
        _received = new MessageBatch(BatchCapacity, receiveBufferSize);
        Sends = new SendBatch(_descriptor, BatchCapacity, sendSlotSize);
    }

    /// <summary>Sends made on the receive thread; flushed after each batch.</summary>
    public SendBatch Sends { get; }

    public void Run(Action<Span<byte>, SocketAddress> deliver)
    {
        var remote = new SocketAddress(AddressFamily.InterNetworkV6);
        var added = false;
        _socket.SafeHandle.DangerousAddRef(ref added);
        try
        {
            var coalesce = false;
            while (!_stopping)
            {
                if (coalesce && _coalescing)
                {
                    var interval = _interval;
                    LinuxSocketInterop.Sleep(&interval, null);
                }

                var count = LinuxSocketInterop.ReceiveMessages(_descriptor, _received.Messages, BatchCapacity, LinuxSocketInterop.MsgDontWait, null);
                if (count <= 0)
                {
                    coalesce = false;
                    if (count < 0 && Marshal.GetLastPInvokeError() is not (LinuxSocketInterop.EAgain or LinuxSocketInterop.EIntr))
                    {
                        // An ICMP error for an earlier send surfaces here (ECONNREFUSED); it is not ours
                        // to stop for, and the next call returns the queued datagrams.
                        continue;
                    }

                    WaitForDatagrams();
                    continue;
                }

                for (var i = 0; i < count; i++)
                {
                    _received.CopyNameTo(i, remote);
                    deliver(_received.Received(i), remote);
                }

                _received.ResetNames(count);
                Sends.Flush();
                // A full batch means more are queued: take them at once.
                coalesce = count < BatchCapacity;
            }
        }
        finally
        {
            if (added)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    public void Stop()
    {
        _stopping = true;
        ulong one = 1;
        LinuxSocketInterop.Write(_wakeEvent, &one, sizeof(ulong));
    }

    public void Dispose()
    {
        LinuxSocketInterop.Close(_wakeEvent);
        _received.Dispose();
        Sends.Dispose();
    }

    private void WaitForDatagrams()
    {
        var descriptors = stackalloc LinuxSocketInterop.PollDescriptor[2];
        descriptors[0] = new LinuxSocketInterop.PollDescriptor { Descriptor = _descriptor, Events = LinuxSocketInterop.PollIn };
        descriptors[1] = new LinuxSocketInterop.PollDescriptor { Descriptor = _wakeEvent, Events = LinuxSocketInterop.PollIn };
        LinuxSocketInterop.Poll(descriptors, 2, -1);
    }
}
