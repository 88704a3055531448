using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>The SDP a=fingerprint value (RFC 8122 §5).</summary>
public sealed partial class DtlsFingerprintTests
{
    // 32 bytes: 00 01 02 ... 1F.
    private const string Sequential =
        "00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F";

    [Fact]
    public void Formats_as_sha256_with_upper_case_colon_separated_hex()
    {
        var certificate = DtlsTestPair.ServerCertificate;

        var value = certificate.SdpFingerprint;

        Assert.Matches(SdpFingerprintPattern(), value);
        Assert.Equal("sha-256 " + string.Join(':', SHA256.HashData(certificate.Der).Select(b => b.ToString("X2"))), value);
    }

    [Fact]
    public void Parses_what_it_formats()
    {
        var original = DtlsTestPair.ClientCertificate.Fingerprint;

        var parsed = DtlsFingerprint.Parse(original.ToSdpValue());

        Assert.Equal(original, parsed);
        Assert.Equal("sha-256", parsed.Algorithm);
        Assert.True(parsed.Matches(DtlsTestPair.ClientCertificate.Der));
        Assert.False(parsed.Matches(DtlsTestPair.ServerCertificate.Der));
    }

    [Theory]
    [InlineData("sha-256 " + Sequential)]
    [InlineData("SHA-256 " + Sequential)]
    [InlineData("  sha-256   " + Sequential + " \r\n")]
    public void Parses_lenient_spelling(string value)
    {
        var parsed = DtlsFingerprint.Parse(value.Replace("0A", "0a", StringComparison.Ordinal));

        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), parsed.Hash.ToArray());
        Assert.Equal("sha-256 " + Sequential, parsed.ToSdpValue());
    }

    [Theory]
    [InlineData("sha-1 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13", "only sha-256 is accepted")]
    [InlineData("sha-512 " + Sequential, "only sha-256 is accepted")]
    [InlineData("sha-256 00:01:02", "32 colon-separated hex bytes")]
    [InlineData("sha-256 " + Sequential + ":20", "32 colon-separated hex bytes")]
    [InlineData("sha-256 ZZ:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F", "byte 1 is malformed")]
    [InlineData("sha-256 00-01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F", "byte 2 is malformed")]
    [InlineData("garbage", "must look like 'sha-256 AB:CD:...'")]
    [InlineData("", "must look like 'sha-256 AB:CD:...'")]
    public void Rejects_malformed_values_with_a_readable_reason(string value, string reason)
    {
        var exception = Assert.Throws<FormatException>(() => DtlsFingerprint.Parse(value));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.False(DtlsFingerprint.TryParse(value, out var fingerprint, out var error));
        Assert.Null(fingerprint);
        Assert.Equal(exception.Message, error);
    }

    [GeneratedRegex("^sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$")]
    private static partial Regex SdpFingerprintPattern();
}
