namespace Relay.EndToEnd.Tests.Infrastructure;

/// <summary>A browser whose fake camera shows <see cref="DetailedVideo"/>: enough picture for a bandwidth ramp-up.</summary>
public sealed class DetailedVideoBrowserFixture : BrowserFixture
{
    private string? _capture;

    protected override IEnumerable<string> ExtraArguments => [_capture!];

    public override async Task InitializeAsync()
    {
        _capture = await DetailedVideo.CaptureArgumentAsync();
        await base.InitializeAsync();
    }
}
