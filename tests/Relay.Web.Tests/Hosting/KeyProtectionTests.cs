using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Hosting;

/// <summary>
/// The data-protection key ring signs every sign-in cookie. With <c>DataProtection:CertificatePath</c>
/// set it is written encrypted, and a restarted server that has the certificate still honours the
/// cookies it issued; one without the certificate cannot read the keys.
/// </summary>
public sealed class KeyProtectionTests : IDisposable
{
    private const string CertificatePassword = "key ring";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("relay-keys-");

    [Fact]
    public async Task The_key_ring_is_encrypted_at_rest_and_sign_in_survives_a_restart_with_the_certificate()
    {
        var dataDirectory = _work.CreateSubdirectory("data").FullName;
        var certificate = WriteCertificate();
        string[] encrypted = ["--Storage:DataDirectory", dataDirectory, "--DataProtection:CertificatePath", certificate, "--DataProtection:CertificatePassword", CertificatePassword];

        CookieContainer cookies;
        await using (var first = await RelayServer.StartAsync(encrypted))
        {
            await using var user = await WebUser.RegisterAsync(first);
            cookies = user.Cookies;
            Assert.Equal(HttpStatusCode.OK, await ChatStatusAsync(first, cookies));
        }

        var keys = Directory.GetFiles(Path.Combine(dataDirectory, "keys"), "key-*.xml");
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var xml = await File.ReadAllTextAsync(key);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }

        await using (var restarted = await RelayServer.StartAsync(encrypted))
        {
            Assert.Equal(HttpStatusCode.OK, await ChatStatusAsync(restarted, cookies));
        }

        // Without the certificate the keys are unreadable, so the cookie is worth nothing.
        await using var withoutCertificate = await RelayServer.StartAsync("--Storage:DataDirectory", dataDirectory);
        Assert.Equal(HttpStatusCode.Redirect, await ChatStatusAsync(withoutCertificate, cookies));
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_read_stops_the_start_with_the_setting_named()
    {
        var missing = Path.Combine(_work.FullName, "missing.pfx");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RelayServer.StartAsync("--DataProtection:CertificatePath", missing));

        Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_without_an_rsa_key_is_refused()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ec = new CertificateRequest("CN=MediaRelay keys", ecdsa, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_work.FullName, "ec.pfx");
        await File.WriteAllBytesAsync(path, ec.Export(X509ContentType.Pkcs12, CertificatePassword));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RelayServer.StartAsync("--DataProtection:CertificatePath", path, "--DataProtection:CertificatePassword", CertificatePassword));

        Assert.Contains("no RSA private key", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static async Task<HttpStatusCode> ChatStatusAsync(RelayServer server, CookieContainer cookies)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        return (await http.GetAsync("/chat")).StatusCode;
    }

    private string WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=MediaRelay keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_work.FullName, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
        return path;
    }
}
