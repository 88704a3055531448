namespace Relay.Media.Srtp;

/// <summary>
/// The master key and master salt of one direction of one DTLS-SRTP association, with the
/// profile they are for. SRTP and SRTCP contexts of that direction derive their session keys
/// from it (RFC 3711 §4.3). Immutable; safe to share between threads.
/// </summary>
public sealed class SrtpMasterKey
{
    private readonly byte[] _key;
    private readonly byte[] _salt;

    public SrtpMasterKey(SrtpProfile profile, ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt)
    {
        var saltLength = SrtpProfileParameters.GetSaltLength(profile);
        if (key.Length != SrtpProfileParameters.KeyLength)
        {
            throw new ArgumentException($"An {profile} master key is {SrtpProfileParameters.KeyLength} octets.", nameof(key));
        }

        if (salt.Length != saltLength)
        {
            throw new ArgumentException($"An {profile} master salt is {saltLength} octets.", nameof(salt));
        }

        Profile = profile;
        _key = key.ToArray();
        _salt = salt.ToArray();
    }

    public SrtpProfile Profile { get; }

    public ReadOnlySpan<byte> Key => _key;

    public ReadOnlySpan<byte> Salt => _salt;
}
