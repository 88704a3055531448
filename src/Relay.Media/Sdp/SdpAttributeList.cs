using System.Collections.ObjectModel;

namespace Relay.Media.Sdp;

/// <summary>The ordered <c>a=</c> lines of a session or media section, with lookups by name.</summary>
public sealed class SdpAttributeList : Collection<SdpAttributeLine>
{
    /// <summary>True when an attribute with this name is present (names compare case-sensitively, RFC 8866 §5.13).</summary>
    public bool Contains(string name) => Find(name) is not null;

    /// <summary>The first attribute with this name, or null.</summary>
    public SdpAttributeLine? Find(string name)
    {
        foreach (var attribute in Items)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The value of the first attribute with this name, or null when absent or valueless.</summary>
    public string? GetValue(string name) => Find(name)?.Value;

    /// <summary>Appends a property attribute (no value), e.g. <c>a=rtcp-mux</c>.</summary>
    public void Add(string name) => Add(new SdpAttributeLine(name, null));

    /// <summary>Appends a value attribute, e.g. <c>a=mid:0</c>.</summary>
    public void Add(string name, string value) => Add(new SdpAttributeLine(name, value));
}
