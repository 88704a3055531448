namespace Relay.Media.Rtp;

/// <summary>
/// Walks the elements of an RFC 8285 header extension block without allocating; works with
/// <c>foreach</c>. Stops quietly at the end, at the one-byte form's reserved id 15, or at an
/// element whose length runs past the block (the rest cannot be framed, so it is ignored).
/// </summary>
public ref struct RtpHeaderExtensionEnumerator
{
    /// <summary>RFC 8285 §4.2: the one-byte header form.</summary>
    public const ushort OneByteProfile = 0xBEDE;

    /// <summary>RFC 8285 §4.3: the two-byte form is 0x100 followed by 4 application bits.</summary>
    public const ushort TwoByteProfile = 0x1000;

    private const ushort TwoByteProfileMask = 0xFFF0;
    private const int PaddingId = 0;
    private const int OneByteReservedId = 15;
    private const int OneByteIdShift = 4;
    private const int OneByteLengthMask = 0x0F;
    private const int TwoByteElementHeaderLength = 2;

    private readonly ReadOnlySpan<byte> _block;
    private readonly bool _oneByte;
    private int _position;

    internal RtpHeaderExtensionEnumerator(ushort profile, ReadOnlySpan<byte> block)
    {
        _oneByte = profile == OneByteProfile;
        var twoByte = (profile & TwoByteProfileMask) == TwoByteProfile;
        // Other profiles are not RFC 8285 elements: enumerate nothing.
        _block = _oneByte || twoByte ? block : [];
        _position = 0;
        Current = default;
    }

    public RtpHeaderExtension Current { get; private set; }

    public readonly RtpHeaderExtensionEnumerator GetEnumerator() => this;

    public bool MoveNext() => _oneByte ? MoveNextOneByte() : MoveNextTwoByte();

    private bool MoveNextOneByte()
    {
        while (_position < _block.Length)
        {
            var first = _block[_position];
            var id = first >> OneByteIdShift;
            if (id == PaddingId)
            {
                _position++;
                continue;
            }

            if (id == OneByteReservedId)
            {
                // RFC 8285 §4.2: id 15 means "stop processing", not an element.
                break;
            }

            // The 4-bit length field holds the data length minus one (1–16 octets).
            var length = (first & OneByteLengthMask) + 1;
            var start = _position + 1;
            if (start + length > _block.Length)
            {
                break;
            }

            Current = new RtpHeaderExtension(id, _block.Slice(start, length));
            _position = start + length;
            return true;
        }

        _position = _block.Length;
        return false;
    }

    private bool MoveNextTwoByte()
    {
        while (_position < _block.Length)
        {
            var id = _block[_position];
            if (id == PaddingId)
            {
                _position++;
                continue;
            }

            // RFC 8285 §4.3: the length octet is the exact data length and may be zero.
            if (_position + TwoByteElementHeaderLength > _block.Length)
            {
                break;
            }

            var length = _block[_position + 1];
            var start = _position + TwoByteElementHeaderLength;
            if (start + length > _block.Length)
            {
                break;
            }

            Current = new RtpHeaderExtension(id, _block.Slice(start, length));
            _position = start + length;
            return true;
        }

        _position = _block.Length;
        return false;
    }
}
