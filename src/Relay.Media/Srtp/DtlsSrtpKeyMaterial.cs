namespace Relay.Media.Srtp;

/// <summary>
/// Splits the output of the DTLS exporter ("EXTRACTOR-dtls_srtp") into per-direction master keys.
/// RFC 5764 §4.2 lays it out as client_write_SRTP_master_key | server_write_SRTP_master_key |
/// client_write_SRTP_master_salt | server_write_SRTP_master_salt.
/// </summary>
public static class DtlsSrtpKeyMaterial
{
    /// <summary>How many octets to ask the exporter for: 2 × (key + salt).</summary>
    public static int GetLength(SrtpProfile profile) =>
        2 * (SrtpProfileParameters.KeyLength + SrtpProfileParameters.GetSaltLength(profile));

    /// <summary>
    /// Splits <paramref name="material"/>. As <see cref="SrtpRole.Server"/> our sending keys are the
    /// server_write ones; as <see cref="SrtpRole.Client"/> the client_write ones.
    /// </summary>
    public static SrtpKeyPair Split(ReadOnlySpan<byte> material, SrtpProfile profile, SrtpRole role)
    {
        const int keyLength = SrtpProfileParameters.KeyLength;
        var saltLength = SrtpProfileParameters.GetSaltLength(profile);
        if (material.Length != GetLength(profile))
        {
            throw new ArgumentException($"{profile} keying material is {GetLength(profile)} octets.", nameof(material));
        }

        var clientKey = material[..keyLength];
        var serverKey = material.Slice(keyLength, keyLength);
        var clientSalt = material.Slice(2 * keyLength, saltLength);
        var serverSalt = material.Slice((2 * keyLength) + saltLength, saltLength);

        var client = new SrtpMasterKey(profile, clientKey, clientSalt);
        var server = new SrtpMasterKey(profile, serverKey, serverSalt);
        return role == SrtpRole.Server ? new SrtpKeyPair(server, client) : new SrtpKeyPair(client, server);
    }
}
