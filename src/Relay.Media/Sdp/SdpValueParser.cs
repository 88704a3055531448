namespace Relay.Media.Sdp;

/// <summary>The shape shared by every typed attribute's <c>TryParse</c>.</summary>
internal delegate bool SdpValueParser<T>(string? value, out T? result, out string? error)
    where T : class;

/// <summary>Typed reads over an attribute list (one place so session and media sections agree).</summary>
internal static class SdpAttributeReader
{
    /// <summary>Every attribute with this name that parses, in order. The parser has already rejected bad ones.</summary>
    public static List<T> ParseAll<T>(SdpAttributeList attributes, string name, SdpValueParser<T> parser)
        where T : class
    {
        var results = new List<T>();
        foreach (var attribute in attributes)
        {
            if (attribute.Name == name && parser(attribute.Value, out var result, out _))
            {
                results.Add(result!);
            }
        }

        return results;
    }

    /// <summary>The first attribute with this name that parses, or null.</summary>
    public static T? ParseFirst<T>(SdpAttributeList attributes, string name, SdpValueParser<T> parser)
        where T : class
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Name == name && parser(attribute.Value, out var result, out _))
            {
                return result;
            }
        }

        return null;
    }

    public static DtlsSetupRole? Setup(SdpAttributeList attributes) =>
        DtlsSetupRoles.TryParse(attributes.GetValue(SdpAttributeNames.Setup), out var role) ? role : null;
}
