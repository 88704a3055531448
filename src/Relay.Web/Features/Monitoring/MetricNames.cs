using System.Text;

namespace Relay.Web.Features.Monitoring;

/// <summary>Turns .NET names into Prometheus ones: "HungUp" → "hung_up".</summary>
internal static class MetricNames
{
    public const string Prefix = "mediarelay_";

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_')
            {
                builder.Append('_');
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return builder.ToString();
    }
}
