namespace Relay.Media.Stun;

/// <summary>
/// The USERNAME of an ICE connectivity check (RFC 8445 §7.2.2): the sender joins the ufrag it
/// was given by the peer (the receiver's) and its own with a colon, "receiverUfrag:senderUfrag".
/// From the sender's side that reads "remote:local"; when the relay receives a check, the first
/// part is the relay's own ufrag, which picks the leg, and the second is the browser's.
/// </summary>
/// <remarks>
/// A ufrag is made of ice-chars (ALPHA / DIGIT / "+" / "/", RFC 8839 §5.4), so the single
/// colon is unambiguous; anything else is rejected rather than guessed at.
/// </remarks>
public static class IceUsername
{
    private const byte Separator = (byte)':';

    /// <summary>
    /// Splits <paramref name="username"/> without copying. False unless it holds exactly one colon
    /// with a non-empty ufrag on each side.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> username, out ReadOnlySpan<byte> receiverUfrag, out ReadOnlySpan<byte> senderUfrag)
    {
        receiverUfrag = default;
        senderUfrag = default;
        var colon = username.IndexOf(Separator);
        if (colon <= 0 || colon == username.Length - 1 || username[(colon + 1)..].Contains(Separator))
        {
            return false;
        }

        receiverUfrag = username[..colon];
        senderUfrag = username[(colon + 1)..];
        return true;
    }

    /// <summary>Bytes <see cref="TryFormat"/> writes.</summary>
    public static int GetLength(ReadOnlySpan<byte> receiverUfrag, ReadOnlySpan<byte> senderUfrag) =>
        receiverUfrag.Length + 1 + senderUfrag.Length;

    /// <summary>Writes "receiverUfrag:senderUfrag"; false, with nothing written, when it does not fit.</summary>
    public static bool TryFormat(Span<byte> destination, ReadOnlySpan<byte> receiverUfrag, ReadOnlySpan<byte> senderUfrag, out int written)
    {
        written = GetLength(receiverUfrag, senderUfrag);
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        receiverUfrag.CopyTo(destination);
        destination[receiverUfrag.Length] = Separator;
        senderUfrag.CopyTo(destination[(receiverUfrag.Length + 1)..]);
        return true;
    }
}
