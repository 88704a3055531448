namespace Relay.Network.Tests.Bed;

/// <summary>The machine cannot build a test bed (not root, a tool or kernel feature missing): the tests skip, or fail on CI.</summary>
public sealed class BedUnavailableException : Exception
{
    public BedUnavailableException()
    {
    }

    public BedUnavailableException(string message)
        : base(message)
    {
    }

    public BedUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
