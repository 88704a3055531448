namespace Relay.Media.Rtcp;

/// <summary>SDES item types (RFC 3550 §6.5). Unknown values are passed through as numbers.</summary>
public enum SdesItemType : byte
{
    /// <summary>Terminates a chunk's item list; never yielded by the parser.</summary>
    End = 0,
    CanonicalName = 1,
    Name = 2,
    Email = 3,
    Phone = 4,
    Location = 5,
    Tool = 6,
    Note = 7,

    /// <summary>Private extension: the text holds a prefix length, prefix and value (RFC 3550 §6.5.8).</summary>
    Private = 8,
}
