using System.Buffers.Binary;
using System.Security.Cryptography;
using Relay.Media.Rtcp;
using Relay.Media.Rtp;
using Relay.Media.Sessions;
using Relay.Media.Srtp;

namespace Relay.Media.Client;

// SRTP and SRTCP both ways (RFC 3711) once DTLS has produced the keys.
public sealed partial class ClientPeer
{
    /// <summary>Sender SSRCs the relay may use for RTCP; each gets a context, so the count is capped.</summary>
    private const int MaxRtcpSenders = 16;

    private const int RtcpSenderSsrcOffset = 4;

    private readonly Lock _sendGate = new();
    private readonly byte[] _sendBuffer = new byte[BufferSize];
    private readonly Dictionary<uint, SrtcpContext> _rtcpOut = [];
    private readonly Dictionary<uint, SrtcpContext> _rtcpIn = [];
    private readonly long[] _received = new long[2];
    private readonly ushort[] _sequence;
    private SrtpMasterKey? _localKey;
    private SrtpMasterKey? _remoteKey;
    private SrtpContext? _audioOut;
    private SrtpContext? _videoOut;
    private Dictionary<uint, InboundStream>? _inbound;
    private long _srtpFailures;
    private long _unknownStreams;
    private long _keyFrameRequests;
    private long _foreignKeyFrameRequests;
    private long _senderReports;
    private ReceivedSenderReport? _lastSenderReport;

    /// <summary>Every authenticated RTP packet from the relay, on the receive loop.</summary>
    public event RtpReceivedHandler? RtpReceived;

    /// <summary>RTP packets of <paramref name="kind"/> received, authenticated and decrypted.</summary>
    public long ReceivedPackets(MediaKind kind) => Interlocked.Read(ref _received[(int)kind]);

    /// <summary>SRTP or SRTCP packets from the relay that failed authentication or replay checks.</summary>
    public long SrtpFailures => Interlocked.Read(ref _srtpFailures);

    /// <summary>RTP with an SSRC the answer did not announce, or media before the keys.</summary>
    public long UnknownStreams => Interlocked.Read(ref _unknownStreams);

    /// <summary>PLIs and FIR entries naming one of our own SSRCs: the relay passing on a receiver's request.</summary>
    public long KeyFrameRequests => Interlocked.Read(ref _keyFrameRequests);

    /// <summary>PLIs and FIR entries naming an SSRC that is not ours (the relay should never send these).</summary>
    public long ForeignKeyFrameRequests => Interlocked.Read(ref _foreignKeyFrameRequests);

    public long SenderReports => Interlocked.Read(ref _senderReports);

    /// <summary>The latest sender report from the relay, if any.</summary>
    public ReceivedSenderReport? LastSenderReport => Volatile.Read(ref _lastSenderReport);

    /// <summary>Builds, protects and sends one RTP packet on our stream of <paramref name="kind"/>; false before keys exist.</summary>
    public bool SendRtp(MediaKind kind, ReadOnlySpan<byte> payload, bool marker, uint timestamp)
    {
        lock (_sendGate)
        {
            if (!TryWriteRtp(kind, payload, marker, timestamp, _sendBuffer, out var written))
            {
                return false;
            }

            SendMedia(_sendBuffer.AsSpan(0, written));
            return true;
        }
    }

    /// <summary>
    /// Writes the SRTP packet <see cref="SendRtp"/> would send into <paramref name="destination"/>
    /// without sending it, for tests that tamper with it; the sequence number is used up.
    /// </summary>
    public bool TryWriteRtp(MediaKind kind, ReadOnlySpan<byte> payload, bool marker, uint timestamp, Span<byte> destination, out int written)
    {
        written = 0;
        lock (_sendGate)
        {
            var context = kind == MediaKind.Audio ? _audioOut : _videoOut;
            if (context is null || Answer is null)
            {
                return false;
            }

            Span<byte> extension = stackalloc byte[TransportSequenceElementSize];
            var numbered = TryWriteTransportSequence(extension);
            var writer = new RtpPacketWriter
            {
                Marker = marker,
                PayloadType = Answer.PayloadTypes.GetValueOrDefault(kind, kind == MediaKind.Audio ? OpusPayloadType : Vp8PayloadType),
                SequenceNumber = _sequence[(int)kind]++,
                Timestamp = timestamp,
                Ssrc = kind == MediaKind.Audio ? AudioSsrc : VideoSsrc,
                Payload = payload,
                HasExtension = numbered,
                ExtensionProfile = RtpHeaderExtensionEnumerator.OneByteProfile,
                ExtensionData = numbered ? extension : default,
            };
            if (destination.Length < writer.GetSize() + context.Overhead || !writer.TryWriteTo(destination, out var plain))
            {
                return false;
            }

            RememberSent(kind, destination[..plain]);
            return context.TryProtectInPlace(destination, plain, out written, out _);
        }
    }

    /// <summary>Protects and sends a plaintext RTCP compound packet; its first sender SSRC picks the SRTCP context.</summary>
    public bool SendRtcp(ReadOnlySpan<byte> compound)
    {
        lock (_sendGate)
        {
            if (!TryWriteRtcp(compound, _sendBuffer, out var written))
            {
                return false;
            }

            SendMedia(_sendBuffer.AsSpan(0, written));
            return true;
        }
    }

    /// <summary>Writes the SRTCP packet <see cref="SendRtcp"/> would send, without sending it; the index is used up.</summary>
    public bool TryWriteRtcp(ReadOnlySpan<byte> compound, Span<byte> destination, out int written)
    {
        written = 0;
        lock (_sendGate)
        {
            if (_localKey is null || compound.Length < RtcpSenderSsrcOffset + sizeof(uint))
            {
                return false;
            }

            var ssrc = BinaryPrimitives.ReadUInt32BigEndian(compound[RtcpSenderSsrcOffset..]);
            if (!_rtcpOut.TryGetValue(ssrc, out var context))
            {
                context = new SrtcpContext(_localKey);
                _rtcpOut[ssrc] = context;
            }

            return context.TryProtect(compound, destination, out written, out _);
        }
    }

    /// <summary>Sends a PLI (RFC 4585 §6.3.1) for <paramref name="mediaSsrc"/>, a stream the relay sends us.</summary>
    public bool SendPli(uint mediaSsrc)
    {
        Span<byte> pli = stackalloc byte[PliPacket.Size];
        return new PliWriter(VideoSsrc, mediaSsrc).TryWriteTo(pli, out var written) && SendRtcp(pli[..written]);
    }

    private void OnRtp(Span<byte> datagram)
    {
        if (LosesIncoming())
        {
            return;
        }

        var inbound = AwaitKeysForEarlyPacket() ? Volatile.Read(ref _inbound) : null;
        if (inbound is null || !RtpPacket.TryGetHeaderLength(datagram, out _)
            || !inbound.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(datagram[RtpPacket.SsrcOffset..]), out var stream))
        {
            Interlocked.Increment(ref _unknownStreams);
            return;
        }

        if (!stream.Context.TryUnprotectInPlace(datagram, datagram.Length, out var length, out _)
            || !RtpPacket.TryParse(datagram[..length], out var packet))
        {
            Interlocked.Increment(ref _srtpFailures);
            return;
        }

        if (!OnTransportArrival(datagram[..length]) || !TryAcceptRecovered(ref stream, datagram[..length], ref packet))
        {
            return;
        }

        Interlocked.Increment(ref _received[(int)stream.Kind]);
        RtpReceived?.Invoke(stream.Kind, packet.Ssrc, packet.SequenceNumber, packet.Payload);
    }

    private void OnRtcp(Span<byte> datagram)
    {
        if (LosesIncoming())
        {
            return;
        }

        var key = AwaitKeysForEarlyPacket() ? Volatile.Read(ref _remoteKey) : null;
        if (key is null || datagram.Length < RtcpSenderSsrcOffset + sizeof(uint))
        {
            Interlocked.Increment(ref _unknownStreams);
            return;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(datagram[RtcpSenderSsrcOffset..]);
        var known = _rtcpIn.TryGetValue(ssrc, out var context);
        if (!known)
        {
            if (_rtcpIn.Count >= MaxRtcpSenders)
            {
                Interlocked.Increment(ref _unknownStreams);
                return;
            }

            context = new SrtcpContext(key);
        }

        if (!context!.TryUnprotectInPlace(datagram, datagram.Length, out var length, out _))
        {
            if (!known)
            {
                context.Dispose();
            }

            Interlocked.Increment(ref _srtpFailures);
            return;
        }

        // Only an authenticated packet earns its sender a context.
        if (!known)
        {
            _rtcpIn[ssrc] = context;
        }

        ReadRtcp(datagram[..length]);
    }

    private void ReadRtcp(ReadOnlySpan<byte> compound)
    {
        var reader = new RtcpCompoundReader(compound);
        while (reader.MoveNext())
        {
            var current = reader.Current;
            if (current.PacketType == RtcpPacketType.SenderReport && SenderReportPacket.TryParse(current.Packet, out var report))
            {
                // One small object per report (about one a second), not per media packet.
                Volatile.Write(ref _lastSenderReport, new ReceivedSenderReport(
                    report.SenderSsrc, report.NtpTimestamp, report.RtpTimestamp, report.PacketCount, report.OctetCount));
                Interlocked.Increment(ref _senderReports);
            }
            else if (current.PacketType == RtcpPacketType.PayloadFeedback && current.Count == RtcpFeedbackFormat.PictureLossIndication
                && PliPacket.TryParse(current.Packet, out var pli))
            {
                CountKeyFrameRequest(pli.MediaSsrc);
            }
            else if (current.PacketType == RtcpPacketType.TransportFeedback && current.Count == RtcpFeedbackFormat.GenericNack
                && GenericNackPacket.TryParse(current.Packet, out var nack))
            {
                AnswerNack(nack);
            }
            else if (current.PacketType == RtcpPacketType.PayloadFeedback && current.Count == RtcpFeedbackFormat.FullIntraRequest
                && FirPacket.TryParse(current.Packet, out var fir))
            {
                for (var i = 0; i < fir.EntryCount; i++)
                {
                    CountKeyFrameRequest(fir.GetEntry(i).Ssrc);
                }
            }
            else
            {
                ReadBandwidthFeedback(current);
            }
        }
    }

    private void CountKeyFrameRequest(uint mediaSsrc) =>
        Interlocked.Increment(ref mediaSsrc == VideoSsrc || mediaSsrc == AudioSsrc ? ref _keyFrameRequests : ref _foreignKeyFrameRequests);

    /// <summary>Random initial sequence numbers (RFC 3550 §5.1), as browsers use.</summary>
    private static ushort RandomSequence() => (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);

    /// <summary>After the receive loop has ended: nothing else touches the contexts then.</summary>
    private void DisposeSrtp()
    {
        lock (_sendGate)
        {
            _audioOut?.Dispose();
            _videoOut?.Dispose();
            _audioOut = _videoOut = null;
            _localKey = null;
            foreach (var context in _rtcpOut.Values)
            {
                context.Dispose();
            }

            _rtcpOut.Clear();
        }

        foreach (var context in _rtcpIn.Values)
        {
            context.Dispose();
        }

        if (Volatile.Read(ref _inbound) is { } inbound)
        {
            foreach (var stream in inbound.Values)
            {
                stream.Context.Dispose();
            }
        }
    }
}
