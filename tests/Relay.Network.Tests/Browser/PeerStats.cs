using System.Text.Json;

namespace Relay.Network.Tests.Browser;

/// <summary>
/// getStats figures of a page's live peer connection, beyond what window.__relayCall.stats()
/// reports, and from the echo page too (which exposes no connection): an init script records
/// every RTCPeerConnection the page's own scripts create, before they run.
/// </summary>
public static class PeerStats
{
    public const string InitScript = """
        (() => {
          const Native = window.RTCPeerConnection;
          if (!Native || window.__netbed) return;
          const peers = [];
          window.RTCPeerConnection = class extends Native {
            constructor(...args) { super(...args); peers.push(this); }
          };
          async function sample() {
            // The live connection; else the last one, so a test waiting for "connected" can say it was closed.
            const pc = peers.filter((p) => p.connectionState !== 'closed').at(-1) ?? peers.at(-1);
            if (!pc) return null;
            const report = await pc.getStats();
            const byId = new Map();
            report.forEach((s) => byId.set(s.id, s));
            const r = {
              timeMs: performance.now(), connectionState: pc.connectionState,
              framesDecoded: 0, frameWidth: 0, frameHeight: 0, freezeCount: 0, totalFreezesDuration: 0,
              nackCount: 0, videoPacketsLost: 0, videoPacketsReceived: 0,
              bytesSent: 0, retransmittedPacketsSent: 0, nackCountReceived: 0, framesSent: 0, sentFrameWidth: 0, sentFrameHeight: 0,
              availableOutgoingBitrate: null, roundTripTime: null,
              localProtocol: null, localRelayProtocol: null, localCandidateType: null, localAddress: null,
              remoteAddress: null, remotePort: null, remoteProtocol: null,
            };
            report.forEach((s) => {
              if (s.type === 'inbound-rtp' && s.kind === 'video') {
                r.framesDecoded += s.framesDecoded ?? 0;
                r.frameWidth = Math.max(r.frameWidth, s.frameWidth ?? 0);
                r.frameHeight = Math.max(r.frameHeight, s.frameHeight ?? 0);
                r.freezeCount += s.freezeCount ?? 0;
                r.totalFreezesDuration += s.totalFreezesDuration ?? 0;
                r.nackCount += s.nackCount ?? 0;
                r.videoPacketsLost += s.packetsLost ?? 0;
                r.videoPacketsReceived += s.packetsReceived ?? 0;
              }
              if (s.type === 'outbound-rtp') {
                // On the wire less SRTP, UDP and IP: payload, RTP headers, retransmissions included.
                r.bytesSent += (s.bytesSent ?? 0) + (s.headerBytesSent ?? 0);
                r.retransmittedPacketsSent += s.retransmittedPacketsSent ?? 0;
                if (s.kind === 'video') {
                  r.nackCountReceived += s.nackCount ?? 0;
                  r.framesSent += s.framesSent ?? 0;
                  r.sentFrameWidth = Math.max(r.sentFrameWidth, s.frameWidth ?? 0);
                  r.sentFrameHeight = Math.max(r.sentFrameHeight, s.frameHeight ?? 0);
                }
              }
              if (s.type === 'transport' && s.selectedCandidatePairId) {
                const pair = byId.get(s.selectedCandidatePairId);
                if (!pair) return;
                r.availableOutgoingBitrate = pair.availableOutgoingBitrate ?? null;
                r.roundTripTime = pair.currentRoundTripTime ?? null;
                const local = byId.get(pair.localCandidateId);
                const remote = byId.get(pair.remoteCandidateId);
                if (local) {
                  r.localProtocol = local.protocol ?? null;
                  r.localRelayProtocol = local.relayProtocol ?? null;
                  r.localCandidateType = local.candidateType ?? null;
                  r.localAddress = local.address ?? local.ip ?? null;
                }
                if (remote) {
                  r.remoteAddress = remote.address ?? remote.ip ?? null;
                  r.remotePort = remote.port ?? null;
                  r.remoteProtocol = remote.protocol ?? null;
                }
              }
            });
            return JSON.stringify(r);
          }
          window.__netbed = Object.freeze({ sample });
        })();
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The page's live connection's figures now, or null before it has one.</summary>
    public static async Task<PeerSample?> SampleAsync(UserPage user)
    {
        var json = await user.Page.EvaluateAsync<string?>("() => window.__netbed?.sample() ?? null");
        return json is null ? null : JsonSerializer.Deserialize<PeerSample>(json, Json);
    }
}

/// <summary>One getStats reading (see <see cref="PeerStats.InitScript"/>); counters are cumulative.</summary>
public sealed record PeerSample(
    double TimeMs,
    string ConnectionState,
    long FramesDecoded,
    int FrameWidth,
    int FrameHeight,
    long FreezeCount,
    double TotalFreezesDuration,
    long NackCount,
    long VideoPacketsLost,
    long VideoPacketsReceived,
    long BytesSent,
    long RetransmittedPacketsSent,
    long NackCountReceived,
    long FramesSent,
    int SentFrameWidth,
    int SentFrameHeight,
    double? AvailableOutgoingBitrate,
    double? RoundTripTime,
    string? LocalProtocol,
    string? LocalRelayProtocol,
    string? LocalCandidateType,
    string? LocalAddress,
    string? RemoteAddress,
    int? RemotePort,
    string? RemoteProtocol);
