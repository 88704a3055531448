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

// The receive path: every datagram of the shared socket, on its single receive thread, and every
// ICE-TCP frame, on its connection's receive loop. Both take the same path; only where the leg is
// found (the address table or the connection table) and where the STUN answer goes differ.
public sealed partial class MediaRelay
{
    /// <summary>A Binding success response with XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT fits easily.</summary>
    private const int StunResponseSize = 512;

    public void OnDatagram(Span<byte> datagram, SocketAddress remote) => Receive(datagram, remote, null);

    void IIceTcpHandler.OnFrame(Span<byte> frame, IceTcpConnection connection) => Receive(frame, connection.RemoteAddress, connection);

    /// <summary>A closed connection leaves its leg; the leg lives on (consent decides) and may be reached again on another path.</summary>
    void IIceTcpHandler.OnClosed(IceTcpConnection connection)
    {
        if (_legsByConnection.TryRemove(connection, out var leg))
        {
            leg.RemovePath(connection);
        }
    }

    /// <param name="connection">The ICE-TCP connection the frame came on; null for a UDP datagram.</param>
    private void Receive(Span<byte> datagram, SocketAddress remote, IceTcpConnection? connection)
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
            OnStun(datagram, remote, connection);
            return;
        }

        if (kind is not (PacketKind.Dtls or PacketKind.Rtp or PacketKind.Rtcp))
        {
            Counters.Drop(DropReason.UnknownProtocol);
            return;
        }

        // Everything but STUN must come from an address (or on a connection) a verified check
        // bound to a leg: a spoofed ClientHello or RTP packet from elsewhere never reaches a leg.
        if (!(connection is null ? _legsByAddress.TryGetValue(remote, out var leg) : _legsByConnection.TryGetValue(connection, out leg)))
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

    private void OnStun(Span<byte> datagram, SocketAddress remote, IceTcpConnection? connection)
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

        // On the stack, not a shared buffer: TCP connections answer checks concurrently with UDP.
        Span<byte> response = stackalloc byte[StunResponseSize];
        switch (leg.Ice.Check(message, source, response, out var written, out var nominated))
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

        if (connection is null)
        {
            if (!BindAddress(leg, remote, nominated))
            {
                return;
            }

            _socket.Send(response[..written], remote);
        }
        else
        {
            if (!BindConnection(leg, connection, nominated))
            {
                return;
            }

            connection.TrySend(response[..written]);
        }
    }

    /// <summary>
    /// An address stays with the live leg that verified it first. Otherwise anyone holding a
    /// leg of their own could send its valid checks from a spoofed source and take over
    /// another browser's address, and with it that browser's DTLS and media. The same
    /// PeerConnection renegotiating into a new leg (an ICE restart reuses Chromium's shared
    /// socket) keeps its certificate, so a leg with the owner's fingerprint may take over.
    /// The same holds for a connection.
    /// </summary>
    private static bool BelongsToAnotherBrowser(MediaLeg? owner, MediaLeg leg) =>
        owner is not null && owner != leg
        && owner.State is LegState.Connecting or LegState.Connected
        && !owner.RemoteFingerprint.Equals(leg.RemoteFingerprint);

    private bool BindAddress(MediaLeg leg, SocketAddress remote, bool nominated)
    {
        if (_legsByAddress.TryGetValue(remote, out var owner) && BelongsToAnotherBrowser(owner, leg))
        {
            Counters.Drop(DropReason.StunAddressInUse);
            return false;
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

        return true;
    }

    private bool BindConnection(MediaLeg leg, IceTcpConnection connection, bool nominated)
    {
        if (_legsByConnection.TryGetValue(connection, out var owner) && BelongsToAnotherBrowser(owner, leg))
        {
            Counters.Drop(DropReason.StunAddressInUse);
            return false;
        }

        if (leg.AddVerifiedConnection(connection, nominated))
        {
            _legsByConnection[connection] = leg;
            connection.MarkBound();
            // As for an address: the leg may have ended meanwhile, and a connection may have
            // closed before its entry existed; neither may leave an entry behind.
            if (leg.State is LegState.Failed or LegState.Closed || connection.IsClosed)
            {
                if (_legsByConnection.TryRemove(new KeyValuePair<IceTcpConnection, MediaLeg>(connection, leg)))
                {
                    leg.RemovePath(connection);
                    connection.Close(TcpCloseReason.LegEnded);
                }
            }
        }

        return true;
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
