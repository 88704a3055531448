using System.Net;
using System.Runtime.InteropServices;

namespace Relay.Media.Transport.Linux;

/// <summary>
/// Datagrams the receive thread sends while it handles a batch, collected and sent with one
/// sendmmsg when the batch is done: one system call for a batch's forwarded packets instead of
/// one sendto each. Only the receive thread uses it, so it needs no lock.
/// </summary>
/// <remarks>
/// Consecutive datagrams to one address (a video frame's packets, which the sender packetised
/// into equal sizes) leave as one UDP GSO message (UDP_SEGMENT, Linux 4.18): the kernel routes
/// and builds headers once for the run and cuts it into the original datagrams, the last of which
/// may be shorter. Kernels or devices without it fall back to one message per datagram.
/// </remarks>
internal sealed unsafe class SendBatch : IDisposable
{
    /// <summary>The kernel's limit of segments per GSO message (UDP_MAX_SEGMENTS).</summary>
    private const int MaxSegments = 64;

    /// <summary>A UDP payload's upper bound; a GSO run stays under it.</summary>
    private const int MaxRunBytes = 65_000;

    private readonly int _descriptor;
    private readonly MessageBatch _slots;
    private readonly LinuxSocketInterop.MultiMessage* _runs;
    private readonly byte* _controls;
    private bool _segmentation;
    private int _count;

    public SendBatch(int descriptor, int capacity, int slotSize)
    {
        _descriptor = descriptor;
        _slots = new MessageBatch(capacity, slotSize);
        _runs = (LinuxSocketInterop.MultiMessage*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(LinuxSocketInterop.MultiMessage)));
        _controls = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * LinuxSocketInterop.SegmentControlSize));
        for (var i = 0; i < capacity; i++)
        {
            var control = (LinuxSocketInterop.ControlMessageHeader*)(_controls + (i * LinuxSocketInterop.SegmentControlSize));
            control->Length = (nuint)(sizeof(LinuxSocketInterop.ControlMessageHeader) + sizeof(ushort));
            control->Level = LinuxSocketInterop.SolUdp;
            control->Type = LinuxSocketInterop.UdpSegment;
        }

        _segmentation = SupportsSegmentation(descriptor);
    }

    /// <summary>Queues a copy of the datagram; false when it does not fit a slot (the caller sends it directly).</summary>
    public bool TryAdd(ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        if (_count == _slots.Capacity)
        {
            Flush();
        }

        if (!_slots.TrySet(_count, datagram, remote))
        {
            return false;
        }

        _count++;
        return true;
    }

    public void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        if (_segmentation)
        {
            SendRuns(GroupRuns());
        }
        else
        {
            Send(_slots.Messages, _count);
        }

        _count = 0;
    }

    public void Dispose()
    {
        _slots.Dispose();
        NativeMemory.Free(_runs);
        NativeMemory.Free(_controls);
    }

    private static bool SupportsSegmentation(int descriptor)
    {
        int value;
        var length = (uint)sizeof(int);
        return LinuxSocketInterop.GetSocketOption(descriptor, LinuxSocketInterop.SolUdp, LinuxSocketInterop.UdpSegment, &value, &length) == 0;
    }

    private void SendRuns(int runs)
    {
        var sent = 0;
        while (sent < runs)
        {
            sent += Send(_runs + sent, runs - sent);
            if (sent < runs && Marshal.GetLastPInvokeError() == LinuxSocketInterop.EIo && _runs[sent].Header.ControlLength != 0)
            {
                // The route's device cannot checksum a GSO message: this run and all later ones go
                // one datagram at a time.
                _segmentation = false;
                var first = (int)(_runs[sent].Header.Vectors - _slots.Vector(0));
                Send(_slots.Messages + first, (int)_runs[sent].Header.VectorCount);
                sent++;
            }
        }
    }

    /// <summary>
    /// Sends the messages; returns how many were handled: all of them, or those before the first
    /// that failed with EIO (for <see cref="SendRuns"/> to retry without GSO).
    /// </summary>
    private int Send(LinuxSocketInterop.MultiMessage* messages, int count)
    {
        var sent = 0;
        while (sent < count)
        {
            var result = LinuxSocketInterop.SendMessages(_descriptor, messages + sent, (uint)(count - sent), 0);
            if (result > 0)
            {
                sent += result;
                continue;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error == LinuxSocketInterop.EIntr)
            {
                continue;
            }

            if (error == LinuxSocketInterop.EIo && messages[sent].Header.ControlLength != 0)
            {
                return sent;
            }

            // sendmmsg reports an error only for the first message it could not send (full buffer,
            // unreachable): that one is lost, as it would be with sendto; go on with the rest.
            sent++;
        }

        return sent;
    }

    /// <summary>Joins consecutive datagrams to one address and of one size (the last may be shorter) into GSO runs.</summary>
    private int GroupRuns()
    {
        var runs = 0;
        var start = 0;
        while (start < _count)
        {
            var size = _slots.Messages[start].Header.Vectors->Length;
            var end = start + 1;
            var bytes = size;
            while (end < _count && end - start < MaxSegments && _slots.SameName(start, end))
            {
                var length = _slots.Vector(end)->Length;
                if (length > size || bytes + length > MaxRunBytes)
                {
                    break;
                }

                bytes += length;
                end++;
                if (length < size)
                {
                    break;
                }
            }

            ref var run = ref _runs[runs];
            run.Header = _slots.Messages[start].Header;
            run.Header.VectorCount = (nuint)(end - start);
            if (end - start > 1)
            {
                var control = _controls + (runs * LinuxSocketInterop.SegmentControlSize);
                *(ushort*)(control + sizeof(LinuxSocketInterop.ControlMessageHeader)) = (ushort)size;
                run.Header.Control = control;
                run.Header.ControlLength = LinuxSocketInterop.SegmentControlSize;
            }
            else
            {
                run.Header.Control = null;
                run.Header.ControlLength = 0;
            }

            runs++;
            start = end;
        }

        return runs;
    }
}
