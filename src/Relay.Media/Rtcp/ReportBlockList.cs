namespace Relay.Media.Rtcp;

/// <summary>Writes the report blocks shared by SR and RR (RFC 3550 §6.4.1, §6.4.2).</summary>
internal static class ReportBlockList
{
    /// <summary>Writes all blocks; the caller has checked that the destination holds them.</summary>
    internal static void Write(ReadOnlySpan<ReportBlock> blocks, Span<byte> destination)
    {
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i].TryWriteTo(destination[(i * ReportBlock.Size)..], out _);
        }
    }
}
