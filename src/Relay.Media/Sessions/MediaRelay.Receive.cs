using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
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
            || !TryFindLeg(ourUfrag, out var leg))
        {
            Counters.Drop(DropReason.StunUnknownUsername);
            return;
        }

        if (!TryGetStunAddress(remote, out var source))
        {
            Counters.Drop(DropReason.Malformed);
            return;
        }

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

    /// <summary>
    /// Finds the leg by our ufrag without making a string: consent checks arrive from every
    /// leg about once a second, and the steady state should allocate nothing.
    /// </summary>
    private bool TryFindLeg(ReadOnlySpan<byte> ufrag, [NotNullWhen(true)] out MediaLeg? leg)
    {
        leg = null;
        if (ufrag.Length > MaxUfragLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxUfragLength];
        var length = Encoding.ASCII.GetChars(ufrag, chars);
        return _legsByUfragLookup.TryGetValue(chars[..length], out leg);
    }

    /// <summary>
    /// The peer's address from the raw sockaddr, without an <see cref="IPEndPoint"/>: the port
    /// (network order) at offset 2 in both layouts; the address at 4 in sockaddr_in (4 bytes) and
    /// at 8 in sockaddr_in6 (16 bytes; IPv4-mapped for IPv4 peers of the dual-mode socket).
    /// </summary>
    private static bool TryGetStunAddress(SocketAddress remote, out StunAddress address)
    {
        var raw = remote.Buffer.Span[..remote.Size];
        address = default;
        if (raw.Length < 4)
        {
            return false;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(raw[2..]);
        switch (remote.Family)
        {
            case AddressFamily.InterNetwork when raw.Length >= 8:
                address = new StunAddress(raw[4..8], port);
                return true;
            case AddressFamily.InterNetworkV6 when raw.Length >= 24:
                address = new StunAddress(raw[8..24], port);
                return true;
            default:
                return false;
        }
    }
}
