using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>What a <see cref="DtlsTestWire"/> does with the n-th datagram it carries.</summary>
internal enum WireAction
{
    Deliver,
    Drop,
    Duplicate,

    /// <summary>Hold it back and deliver it right after the next datagram: a reordering of two.</summary>
    HoldForNext,
}

/// <summary>
/// One direction of an in-memory link between two endpoints: a send callback that copies each
/// datagram and delivers it to the target, optionally dropping, duplicating or reordering by
/// index. Delivery is synchronous and never blocks, as Deliver is non-blocking.
/// </summary>
internal sealed class DtlsTestWire
{
    private readonly Lock _lock = new();
    private readonly List<byte[]> _carried = [];
    private byte[]? _held;

    public DtlsEndpoint? Target { get; set; }

    public Func<int, byte[], WireAction> Policy { get; init; } = static (_, _) => WireAction.Deliver;

    public IReadOnlyList<byte[]> Carried
    {
        get
        {
            lock (_lock)
            {
                return [.. _carried];
            }
        }
    }

    public void Send(ReadOnlySpan<byte> datagram)
    {
        var copy = datagram.ToArray();
        lock (_lock)
        {
            var index = _carried.Count;
            _carried.Add(copy);
            switch (Policy(index, copy))
            {
                case WireAction.Drop:
                    return;
                case WireAction.HoldForNext:
                    _held = copy;
                    return;
                case WireAction.Duplicate:
                    Target?.Deliver(copy);
                    break;
            }

            Target?.Deliver(copy);
            if (_held is { } held)
            {
                _held = null;
                Target?.Deliver(held);
            }
        }
    }
}
