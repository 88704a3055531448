namespace Relay.Media.Srtp;

/// <summary>
/// The RFC 3711 §3.3.2 sliding replay list over the last 128 packet indices (SRTP's 48-bit index
/// or SRTCP's 31-bit index). Checking and committing are separate so that only authenticated
/// packets move the window. Not thread-safe: owned by one context.
/// </summary>
internal sealed class SrtpReplayWindow
{
    /// <summary>RFC 3711 §3.3.2 asks for at least 64; 128 tolerates more video reordering.</summary>
    public const int Size = 128;

    private bool _hasValue;
    private long _highest;

    /// <summary>Bit d set = index (highest − d) was accepted.</summary>
    private UInt128 _seen;

    public SrtpError Check(long index)
    {
        if (!_hasValue || index > _highest)
        {
            return SrtpError.None;
        }

        var age = _highest - index;
        if (age >= Size)
        {
            return SrtpError.ReplayTooOld;
        }

        return (_seen & (UInt128.One << (int)age)) != 0 ? SrtpError.ReplayDetected : SrtpError.None;
    }

    /// <summary>Marks an authenticated index as seen, sliding the window when it is the newest.</summary>
    public void Commit(long index)
    {
        if (!_hasValue)
        {
            _hasValue = true;
            _highest = index;
            _seen = UInt128.One;
            return;
        }

        if (index > _highest)
        {
            var shift = index - _highest;
            _seen = shift >= Size ? UInt128.One : (_seen << (int)shift) | UInt128.One;
            _highest = index;
            return;
        }

        _seen |= UInt128.One << (int)(_highest - index);
    }
}
