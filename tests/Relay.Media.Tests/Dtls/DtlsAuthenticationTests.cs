using Org.BouncyCastle.Tls;
using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>
/// Fingerprint pinning and proof of key possession inside the handshake (RFC 5763 §5,
/// RFC 8122 §5), and use_srtp negotiation failures.
/// </summary>
public sealed class DtlsAuthenticationTests
{
    [Fact]
    public async Task Server_rejects_a_client_certificate_that_does_not_match_the_sdp_fingerprint()
    {
        using var pair = new DtlsTestPair(serverExpects: DtlsTestPair.OtherCertificate.Fingerprint);

        pair.Start();

        var rejection = await DtlsTestPair.ExceptionOf(pair.Server);
        Assert.Equal(DtlsFailure.FingerprintMismatch, rejection.Failure);
        Assert.Contains("does not match the SDP fingerprint", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(AlertDescription.bad_certificate, Assert.IsType<TlsFatalAlert>(rejection.InnerException).AlertDescription);
        Assert.Equal(DtlsFailure.RemoteAlert, await DtlsTestPair.FailureOf(pair.Client));
        Assert.Equal(1, pair.ServerOptions.Counters.FingerprintMismatches);
        Assert.Equal(1, pair.ServerOptions.Counters.HandshakeFailures);
        Assert.Equal(0, pair.ServerOptions.Counters.HandshakesCompleted);
        Assert.True(pair.Server.JoinHandshakeThread(DtlsTestPair.Bound));
        Assert.True(pair.Client.JoinHandshakeThread(DtlsTestPair.Bound));
    }

    [Fact]
    public async Task Client_rejects_a_server_certificate_that_does_not_match_the_sdp_fingerprint()
    {
        using var pair = new DtlsTestPair(clientExpects: DtlsTestPair.OtherCertificate.Fingerprint);

        pair.Start();

        Assert.Equal(DtlsFailure.FingerprintMismatch, await DtlsTestPair.FailureOf(pair.Client));
        Assert.Equal(DtlsFailure.RemoteAlert, await DtlsTestPair.FailureOf(pair.Server));
        Assert.Equal(1, pair.ClientOptions.Counters.FingerprintMismatches);
    }

    [Fact]
    public async Task A_copied_certificate_without_its_private_key_fails_the_certificate_verify()
    {
        // The right certificate (its fingerprint is the one the server expects) signing with
        // someone else's key: only the CertificateVerify signature can catch this.
        var forged = new DtlsCertificate(
            DtlsTestPair.ClientCertificate.Der.ToArray(), DtlsTestPair.OtherCertificate.PrivateKey);
        using var pair = new DtlsTestPair(clientCertificate: forged);

        pair.Start();

        var rejection = await DtlsTestPair.ExceptionOf(pair.Server);
        Assert.Equal(DtlsFailure.HandshakeFailed, rejection.Failure);
        // RFC 5246 §7.4.8: a CertificateVerify that does not verify is a decrypt_error.
        Assert.Equal(AlertDescription.decrypt_error, Assert.IsType<TlsFatalAlert>(rejection.InnerException).AlertDescription);
        Assert.Equal(DtlsFailure.RemoteAlert, await DtlsTestPair.FailureOf(pair.Client));
        Assert.Equal(0, pair.ServerOptions.Counters.FingerprintMismatches);
        Assert.Equal(1, pair.ServerOptions.Counters.HandshakeFailures);
    }

    [Fact]
    public async Task No_common_srtp_profile_fails_both_sides()
    {
        using var pair = new DtlsTestPair(
            DtlsTestPair.FastOptions(DtlsSrtpProfile.AeadAes256Gcm),
            DtlsTestPair.FastOptions(DtlsSrtpProfile.Aes128CmHmacSha1Tag80));

        pair.Start();

        Assert.Equal(DtlsFailure.NoCommonSrtpProfile, await DtlsTestPair.FailureOf(pair.Server));
        Assert.Equal(DtlsFailure.RemoteAlert, await DtlsTestPair.FailureOf(pair.Client));
    }
}
