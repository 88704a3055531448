using System.Collections.Concurrent;
using System.IO.Pipelines;

namespace Relay.Media.Transport;

/// <summary>
/// Runs the ICE-TCP send loops' continuations on the thread pool without an allocation per
/// wake-up: <see cref="PipeScheduler.ThreadPool"/> queues a new work item object each time, and
/// a send loop wakes for nearly every forwarded packet. Work queued while a batch runs joins it.
/// The pattern is Kestrel's IOQueue.
/// </summary>
internal sealed class IoQueue : PipeScheduler, IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<Work> _work = new();
    private int _doingWork;

    public override void Schedule(Action<object?> action, object? state)
    {
        _work.Enqueue(new Work(action, state));
        if (Interlocked.CompareExchange(ref _doingWork, 1, 0) == 0)
        {
            // Qualified: inside a PipeScheduler, ThreadPool names PipeScheduler.ThreadPool.
            System.Threading.ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        while (true)
        {
            while (_work.TryDequeue(out var item))
            {
                item.Callback(item.State);
            }

            Volatile.Write(ref _doingWork, 0);
            // Work enqueued between the last TryDequeue and the write above saw _doingWork == 1
            // and did not schedule us: take it on, unless a new Execute already has.
            if (_work.IsEmpty || Interlocked.Exchange(ref _doingWork, 1) == 1)
            {
                return;
            }
        }
    }

    private readonly record struct Work(Action<object?> Callback, object? State);
}
