using System.Text;

namespace Relay.Media.Diagnostics;

/// <summary>
/// The metric label value of each <see cref="DropReason"/> (snake_case of its name, so
/// "SrtpAuthenticationFailed" is "srtp_authentication_failed"), and which drops count as
/// security drops. Built once; a reason added later gets its label without a change here.
/// </summary>
public static class DropReasonLabels
{
    private static readonly string[] Labels = Build();

    /// <summary>The label of a certificate that does not match the SDP fingerprint: a DTLS failure, not a <see cref="DropReason"/>.</summary>
    public const string FingerprintMismatch = "fingerprint_mismatch";

    public static string Of(DropReason reason) => Labels[(int)reason];

    /// <summary>
    /// Drops that mean someone sent what a legitimate party would not: forged or replayed
    /// media, a failed integrity check, traffic from an address no check has verified. The rest
    /// (oversize, malformed, early media, unknown username of a closed leg) are ordinary noise.
    /// </summary>
    public static bool IsSecurity(DropReason reason) => reason is DropReason.StunIntegrityFailed
        or DropReason.StunAddressInUse
        or DropReason.UnverifiedSource
        or DropReason.SrtpAuthenticationFailed
        or DropReason.SrtpReplay;

    private static string[] Build()
    {
        var reasons = Enum.GetValues<DropReason>();
        var labels = new string[reasons.Length];
        foreach (var reason in reasons)
        {
            labels[(int)reason] = ToSnakeCase(reason.ToString());
        }

        return labels;
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
