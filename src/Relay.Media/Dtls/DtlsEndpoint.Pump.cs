namespace Relay.Media.Dtls;

/// <summary>Processing of DTLS datagrams that arrive after the handshake.</summary>
public abstract partial class DtlsEndpoint
{
    /// <summary>
    /// How long one pump run waits for more records once the queue is empty. BouncyCastle's
    /// Receive treats 0 as "wait forever", so the smallest bounded wait is 1 ms.
    /// </summary>
    private const int PumpWaitMillis = 1;

    private int _pumpScheduled;
    private byte[]? _pumpBuffer;

    /// <summary>
    /// Queues one pump run on the thread pool if the handshake is over and none is queued yet.
    /// During the handshake the handshake thread reads the queue itself.
    /// </summary>
    private void SchedulePump()
    {
        if (Volatile.Read(ref _state) == Established && Interlocked.Exchange(ref _pumpScheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Pump(), this, preferLocal: false);
        }
    }

    /// <summary>
    /// Lets BouncyCastle read whatever is queued: it answers a retransmitted final flight from
    /// the peer by retransmitting ours (RFC 6347 §4.2.4), and handles alerts. SCTP data is out
    /// of scope, so application data is read and discarded. A close_notify (answered by
    /// BouncyCastle with our own) or a fatal alert ends the endpoint.
    /// </summary>
    private void Pump()
    {
        lock (_gate)
        {
            // Cleared first: a datagram delivered from now on schedules another run.
            Volatile.Write(ref _pumpScheduled, 0);
            if (_state != Established)
            {
                return;
            }

            _pumpBuffer ??= new byte[DtlsDatagramTransport.MaxDatagramSize];
            try
            {
                while (_transport.HasPending)
                {
                    _dtls!.Receive(_pumpBuffer, 0, _pumpBuffer.Length, PumpWaitMillis);
                }
            }
#pragma warning disable CA1031 // Any failure here (fatal alert, closed transport) simply ends the leg.
            catch (Exception)
#pragma warning restore CA1031
            {
                _transport.Close();
            }

            if (_transport.IsClosed)
            {
                _state = Ended;
                _closed.TrySetResult();
            }
        }
    }
}
