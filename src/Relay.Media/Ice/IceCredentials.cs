using System.Security.Cryptography;

namespace Relay.Media.Ice;

/// <summary>
/// One side's ICE username fragment and password (RFC 8839 §5.4): at least 4 and 22
/// ice-chars, random so that a leg's checks cannot be guessed; ours are longer than the minimum.
/// </summary>
public sealed record IceCredentials(string Ufrag, string Password)
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static IceCredentials CreateRandom() =>
        new(RandomNumberGenerator.GetString(IceChars, 8), RandomNumberGenerator.GetString(IceChars, 24));
}
