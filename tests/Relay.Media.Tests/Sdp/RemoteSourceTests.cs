using Relay.Media.Sdp;

namespace Relay.Media.Tests.Sdp;

public class RemoteSourceTests
{
    [Fact]
    public void Rtx_ssrc_is_paired_with_its_media_ssrc_whatever_the_line_order()
    {
        var media = new MediaDescription(MediaDescription.Video, 9, "UDP/TLS/RTP/SAVPF", ["96"]);
        media.Attributes.Add(new SsrcLine(20, "cname", "c").ToAttribute());
        media.Attributes.Add(new SsrcLine(10, "cname", "c").ToAttribute());
        media.Attributes.Add(new SsrcLine(10, "msid", "s t").ToAttribute());
        media.Attributes.Add(new SsrcGroup(SsrcGroup.FlowIdentification, [10, 20]).ToAttribute());
        media.Attributes.Add(new SsrcLine(30, "cname", "other").ToAttribute());

        var sources = RemoteSource.ReadAll(media);

        Assert.Equal([new RemoteSource(10, 20, "c", "s t"), new RemoteSource(30, null, "other", null)], sources);
    }

    [Fact]
    public void Section_without_ssrc_lines_has_no_sources()
    {
        var media = new MediaDescription(MediaDescription.Audio, 9, "UDP/TLS/RTP/SAVPF", ["111"]);

        Assert.Empty(RemoteSource.ReadAll(media));
    }
}
