namespace Relay.Web.Hosting;

/// <summary>
/// The "DataProtection" configuration section: the certificate that encrypts the data-protection
/// key ring at rest. The keys sign the sign-in cookies, so whoever reads them can sign in as anyone.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 file (.pfx) with an RSA key; empty leaves the keys unencrypted, as ASP.NET Core warns at start.</summary>
    public string CertificatePath { get; set; } = "";

    public string? CertificatePassword { get; set; }
}
