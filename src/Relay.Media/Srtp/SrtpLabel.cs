namespace Relay.Media.Srtp;

/// <summary>RFC 3711 §4.3.2 key derivation labels (and §4.3.2's SRTCP labels).</summary>
internal enum SrtpLabel : byte
{
    RtpEncryption = 0x00,
    RtpAuthentication = 0x01,
    RtpSalt = 0x02,
    RtcpEncryption = 0x03,
    RtcpAuthentication = 0x04,
    RtcpSalt = 0x05,
}
