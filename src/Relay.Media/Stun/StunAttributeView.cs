using System.Buffers.Binary;

namespace Relay.Media.Stun;

/// <summary>One attribute of a parsed <see cref="StunMessage"/>: its type and its unpadded value.</summary>
public readonly ref struct StunAttributeView
{
    internal StunAttributeView(StunAttributeType type, ReadOnlySpan<byte> value)
    {
        Type = type;
        Value = value;
    }

    public StunAttributeType Type { get; }

    public ReadOnlySpan<byte> Value { get; }
}

/// <summary>
/// Walks the attributes of a message whose framing <see cref="StunMessage.TryParse(ReadOnlySpan{byte}, out StunMessage)"/>
/// has already checked, skipping those after MESSAGE-INTEGRITY other than FINGERPRINT
/// (RFC 8489 §14.5). Use with <c>foreach</c>.
/// </summary>
public ref struct StunAttributeEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly int _integrityEnd;
    private int _next;

    internal StunAttributeEnumerator(ReadOnlySpan<byte> message, int integrityOffset)
    {
        _message = message;
        _integrityEnd = integrityOffset < 0
            ? int.MaxValue
            : integrityOffset + StunHeader.AttributeSize(StunHeader.MessageIntegrityLength);
        _next = StunHeader.Size;
        Current = default;
    }

    public StunAttributeView Current { get; private set; }

    public readonly StunAttributeEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (_next < _message.Length)
        {
            var offset = _next;
            var type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(_message[(offset + StunHeader.AttributeTypeOffset)..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(_message[(offset + StunHeader.AttributeLengthOffset)..]);
            _next = offset + StunHeader.AttributeSize(length);
            if (offset < _integrityEnd || type == StunAttributeType.Fingerprint)
            {
                Current = new StunAttributeView(type, _message.Slice(offset + StunHeader.AttributeHeaderSize, length));
                return true;
            }
        }

        return false;
    }
}
