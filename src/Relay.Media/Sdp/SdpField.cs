namespace Relay.Media.Sdp;

/// <summary>
/// A description line other than <c>v=</c>, <c>o=</c>, <c>s=</c>, <c>m=</c> and <c>a=</c>
/// (for example <c>t=</c>, <c>c=</c>, <c>b=</c>), kept raw and in order. RFC 8866 §5.
/// </summary>
public sealed record SdpField(char Type, string Value)
{
    public override string ToString() => Type + "=" + Value;
}
