namespace Relay.Media.Sdp;

/// <summary>One <c>&lt;type&gt;=&lt;value&gt;</c> line and its 1-based number, for error messages.</summary>
internal readonly record struct SdpLine(int Number, char Type, string Value);
