namespace Relay.Media.Rtcp;

/// <summary>
/// Turns a stream of status symbols into as few chunks as a one-pass greedy encoder can:
/// identical symbols stay pending as a potential run (up to 8191); mixed symbols fill a
/// 1-bit vector (14) while no large delta is seen, else a 2-bit vector (7). A chunk is only
/// emitted full, because every slot of a chunk other than the last counts as a packet
/// (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1).
/// </summary>
internal struct TransportCcChunkEncoder
{
    private const int Large = (int)TransportCcSymbol.LargeDelta;

    // The first 14 pending symbols, two bits each, symbol i at bits 2i. Longer pending lists
    // are runs of one symbol, so the first symbol is enough to describe them.
    private uint _symbols;
    private int _size;
    private bool _allSame;
    private bool _hasLarge;

    private readonly int First => (int)(_symbols & TransportCcChunks.SymbolMask);

    /// <summary>Adds a symbol; returns true with a finished chunk when one had to be emitted first.</summary>
    public bool Add(TransportCcSymbol symbol, out ushort chunk)
    {
        var value = (int)symbol;
        var emitted = !CanAdd(value);
        chunk = emitted ? Emit() : default;
        Append(value);
        return emitted;
    }

    /// <summary>Emits whatever is pending as the final (possibly part-filled) chunk.</summary>
    public bool Flush(out ushort chunk)
    {
        chunk = default;
        if (_size == 0)
        {
            return false;
        }

        // Mixed symbols with a large delta number at most seven here (see CanAdd).
        chunk = _allSame ? TransportCcChunks.RunLength(First, _size)
            : TransportCcChunks.Vector(_symbols, _size, twoBit: _hasLarge);
        this = default;
        return true;
    }

    private readonly bool CanAdd(int symbol)
    {
        if (_size < TransportCcChunks.TwoBitCapacity)
        {
            return true;
        }

        if (_size < TransportCcChunks.OneBitCapacity && !_hasLarge && symbol != Large)
        {
            return true;
        }

        return _allSame && symbol == First && _size < TransportCcChunks.MaxRunLength;
    }

    private void Append(int symbol)
    {
        if (_size < TransportCcChunks.OneBitCapacity)
        {
            _symbols |= (uint)symbol << (2 * _size);
        }

        _allSame = _size == 0 || (_allSame && symbol == First);
        _hasLarge |= symbol == Large;
        _size++;
    }

    private ushort Emit()
    {
        if (_allSame)
        {
            var run = TransportCcChunks.RunLength(First, _size);
            this = default;
            return run;
        }

        if (!_hasLarge && _size == TransportCcChunks.OneBitCapacity)
        {
            var vector = TransportCcChunks.Vector(_symbols, _size, twoBit: false);
            this = default;
            return vector;
        }

        // A large delta is pending or arriving: the first seven go out as a 2-bit vector and
        // the rest (at most six) stay pending.
        var chunk = TransportCcChunks.Vector(_symbols, TransportCcChunks.TwoBitCapacity, twoBit: true);
        var rest = _symbols >> (2 * TransportCcChunks.TwoBitCapacity);
        var restSize = _size - TransportCcChunks.TwoBitCapacity;
        this = default;
        for (var i = 0; i < restSize; i++)
        {
            Append((int)(rest >> (2 * i)) & TransportCcChunks.SymbolMask);
        }

        return chunk;
    }
}
