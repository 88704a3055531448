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
    /// Offer ICE-TCP (RFC 6544 passive candidates) beside UDP, for browsers behind firewalls that
    /// block UDP. Off means UDP only and no TCP port is bound.
    /// </summary>
    public bool TcpEnabled { get; set; } = true;

    /// <summary>The one ICE-TCP port every leg shares (0 picks a free port, for tests); the same number as UDP by default.</summary>
    public int TcpPort { get; set; } = 40000;

    /// <summary>Open ICE-TCP connections at most; further ones are closed at accept and counted.</summary>
    public int TcpMaxConnections { get; set; } = 1000;

    /// <summary>
    /// A connection no verified check has bound to a leg by then is closed. Counted from the
    /// accept, not the last byte, so a peer cannot hold a slot by trickling unverifiable STUN.
    /// </summary>
    public TimeSpan TcpUnboundTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connections from one IP address not yet bound to a leg, at most; further ones are closed
    /// at accept and counted. Without it one address could hold every slot of
    /// <see cref="TcpMaxConnections"/> with connections that never bind. Bound connections do not
    /// count, so a whole office behind one NAT address can be in calls over TCP; only that many of
    /// its browsers can be setting up at the same moment.
    /// </summary>
    public int TcpMaxUnboundPerAddress { get; set; } = 32;

    /// <summary>A connection that has received nothing for this long is closed (browsers send consent checks every few seconds).</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Framed bytes queued for one connection at most. A path slower than the media it carries
    /// would only add delay, so what does not fit is dropped (and counted) like UDP loss.
    /// </summary>
    public int TcpSendQueueBytes { get; set; } = 128 * 1024;

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

    /// <summary>
    /// Where a browser's bandwidth estimate starts for the video it sends us (kbit/s; Chromium's
    /// x-google-start-bitrate in our answer). Chromium's own start, 300 kbit/s, takes about 20 s to
    /// climb to a 720p rate when its first probes go unanswered on a busy machine; from 1 Mbit/s the
    /// picture starts sharp, and a narrower link pulls the estimate down within a second or two.
    /// Zero leaves the browser's default.
    /// </summary>
    public int VideoStartBitrateKbps { get; set; } = 1000;

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
