using System.Net;
using System.Text;
using Relay.Media.Diagnostics;
using Relay.Media.Ice;
using Relay.Media.Stun;
using Relay.Media.Transport;

namespace Relay.Media.Sessions;

// The receive path: every datagram of the shared socket, on its single receive thread.
public sealed partial class MediaRelay
{
    public void OnDatagram(Span<byte> datagram, SocketAddress remote)
    {
        Counters.Received();
        if (datagram.Length > MediaLeg.MaxPacketSize)
        {
            Counters.Drop(DropReason.Oversize);
            return;
        }

        var kind = PacketDemux.Classify(datagram);
        if (kind == PacketKind.Stun)
        {
            OnStun(datagram, remote);
            return;
        }

        if (kind is not (PacketKind.Dtls or PacketKind.Rtp or PacketKind.Rtcp))
        {
            Counters.Drop(DropReason.UnknownProtocol);
            return;
        }

        // Everything but STUN must come from an address a verified check bound to a leg: a
        // spoofed ClientHello or RTP packet from elsewhere never reaches a leg.
        if (!_legsByAddress.TryGetValue(remote, out var leg))
        {
            Counters.Drop(DropReason.UnverifiedSource);
            return;
        }

        switch (kind)
        {
            case PacketKind.Dtls:
                leg.OnDtls(datagram);
                break;
            case PacketKind.Rtp:
                leg.OnRtp(datagram);
                break;
            default:
                leg.OnRtcp(datagram);
                break;
        }
    }

    private void OnStun(Span<byte> datagram, SocketAddress remote)
    {
        if (!StunMessage.TryParse(datagram, out var message))
        {
            Counters.Drop(DropReason.Malformed);
            return;
        }

        // Indications (keep-alives) and responses need no answer from an ICE-lite agent.
        if (message.Class != StunClass.Request)
        {
            return;
        }

        if (!message.TryGetUsername(out var username)
            || !IceUsername.TrySplit(username, out var ourUfrag, out _)
            || !_legsByUfrag.TryGetValue(Encoding.ASCII.GetString(ourUfrag), out var leg))
        {
            Counters.Drop(DropReason.StunUnknownUsername);
            return;
        }

        var source = (IPEndPoint)new IPEndPoint(IPAddress.IPv6Any, 0).Create(remote);
        switch (leg.Ice.Check(message, source, _stunResponse, out var written, out var nominated))
        {
            case IceCheckResult.Accepted:
                break;
            case IceCheckResult.IntegrityFailed:
                Counters.Drop(DropReason.StunIntegrityFailed);
                return;
            default:
                Counters.Drop(DropReason.StunUnknownUsername);
                return;
        }

        // An address stays with the live leg that verified it first. Otherwise anyone holding a
        // leg of their own could send its valid checks from a spoofed source and take over
        // another browser's address, and with it that browser's DTLS and media. The same
        // PeerConnection renegotiating into a new leg (an ICE restart reuses Chromium's shared
        // socket) keeps its certificate, so a leg with the owner's fingerprint may take over.
        if (_legsByAddress.TryGetValue(remote, out var owner) && owner != leg
            && owner.State is LegState.Connecting or LegState.Connected
            && !owner.RemoteFingerprint.Equals(leg.RemoteFingerprint))
        {
            Counters.Drop(DropReason.StunAddressInUse);
            return;
        }

        if (leg.AddVerifiedAddress(remote, nominated) is { } added)
        {
            // Taken over from an ended leg, if any (a browser port reused).
            _legsByAddress[added] = leg;
            // The leg may have ended since it accepted the address; its unregistration could
            // then have run before this entry existed.
            if (leg.State is LegState.Failed or LegState.Closed)
            {
                _legsByAddress.TryRemove(new KeyValuePair<SocketAddress, MediaLeg>(added, leg));
            }
        }

        _socket.Send(_stunResponse.AsSpan(0, written), remote);
    }
}
