using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Relay.Web.Hosting;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Keys live beside the database so sign-in cookies survive a restart, encrypted with the
    /// configured certificate when there is one.
    /// </summary>
    public static IServiceCollection AddRelayDataProtection(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName("MediaRelay")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        var options = configuration.GetSection(KeyProtectionOptions.SectionName).Get<KeyProtectionOptions>() ?? new();
        if (options.CertificatePath.Length > 0)
        {
            var certificate = LoadCertificate(options);
            // Decryption would otherwise look the certificate up in the machine's X.509 store by
            // thumbprint, where a certificate given as a file is not.
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }

    private static X509Certificate2 LoadCertificate(KeyProtectionOptions options)
    {
        const string setting = $"{KeyProtectionOptions.SectionName}:CertificatePath";
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting} '{options.CertificatePath}' could not be read as a PKCS#12 file with its password: {e.Message}", e);
        }

        // XML encryption wraps each key with the certificate's RSA key.
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{setting} '{options.CertificatePath}' holds no RSA private key; the key ring needs one to be encrypted and read back.");
        }

        return certificate;
    }
}
