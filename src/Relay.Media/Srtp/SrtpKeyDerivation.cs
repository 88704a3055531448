namespace Relay.Media.Srtp;

/// <summary>
/// The RFC 3711 §4.3 key derivation with the AES-CM PRF (§4.3.3) and a key derivation rate of 0,
/// the only rate DTLS-SRTP uses (RFC 5764 §4.1.2 fixes it at zero), so index DIV kdr is 0.
/// Runs once per context, off the packet path.
/// </summary>
internal static class SrtpKeyDerivation
{
    /// <summary>The master salt padded to 112 bits, the width the PRF input expects.</summary>
    private const int PrfSaltLength = SrtpProfileParameters.CounterModeSaltLength;

    /// <summary>key_id = label || r (48 bits): the label lands 7 octets from the salt's end.</summary>
    private const int LabelOffset = PrfSaltLength - 7;

    /// <summary>
    /// Fills <paramref name="output"/> with the session key, salt or auth key for
    /// <paramref name="label"/>: x = key_id XOR master_salt, output = AES-CM(master_key, x·2^16).
    /// A 96-bit (GCM) master salt is first padded with two zero octets on the right, which is the
    /// multiplication by 2^16 that RFC 7714 errata 4938 clarifies.
    /// </summary>
    public static void Derive(
        ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, SrtpLabel label, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(masterSalt.Length, PrfSaltLength);

        Span<byte> iv = stackalloc byte[AesCounterMode.BlockLength];
        iv.Clear();
        masterSalt.CopyTo(iv);
        iv[LabelOffset] ^= (byte)label;

        output.Clear();
        using var prf = new AesCounterMode(masterKey);
        prf.Transform(iv, output, output);
    }
}
