using System.Net;
using Relay.Media.Dtls;

namespace Relay.Media;

/// <summary>The "Media" configuration section: where the relay listens and what it tells browsers.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>The one UDP port every leg shares (0 picks a free port, for tests).</summary>
    public int UdpPort { get; set; } = 40000;

    /// <summary>
    /// Addresses put into SDP candidates. Empty means this machine's non-loopback interface
    /// addresses; a server behind 1:1 NAT lists its public address here.
    /// </summary>
    public IList<string> AnnouncedAddresses { get; } = [];

    /// <summary>Also announce 127.0.0.1; browsers use it only with --allow-loopback-in-peer-connection (tests).</summary>
    public bool AnnounceLoopback { get; set; }

    /// <summary>RFC 7675 §5.1: consent expires 30 s after the last authenticated check.</summary>
    public TimeSpan ConsentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A leg whose ICE and DTLS have not completed by then fails.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the receive thread lets datagrams gather between batches while media flows (Linux):
    /// the most latency it adds to a packet, traded for far fewer wake-ups and system calls per
    /// packet. Zero takes each datagram as soon as it arrives.
    /// </summary>
    public TimeSpan ReceiveBatchInterval { get; set; } = TimeSpan.FromMilliseconds(0.5);

    public TimeSpan DtlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>SRTP profiles in our order of preference; empty keeps the default (AEAD_AES_128_GCM first).</summary>
    public IList<DtlsSrtpProfile> SrtpProfiles { get; } = [];

    internal IPAddress[] ParseAnnouncedAddresses()
    {
        var result = new IPAddress[AnnouncedAddresses.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (!IPAddress.TryParse(AnnouncedAddresses[i], out var address))
            {
                throw new InvalidOperationException($"Media:AnnouncedAddresses has '{AnnouncedAddresses[i]}', which is not an IP address.");
            }

            result[i] = address;
        }

        return result;
    }
}
