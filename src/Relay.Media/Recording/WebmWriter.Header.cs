namespace Relay.Media.Recording;

// The part of the file written once, at the start.
internal sealed partial class WebmWriter
{
    private const int HeaderCapacity = 1024;

    private void WriteHeader(int opusChannels)
    {
        var buffer = new byte[HeaderCapacity];
        var writer = new EbmlWriter(buffer);

        var ebml = writer.StartMaster(MatroskaId.Ebml);
        writer.WriteUInt(MatroskaId.EbmlVersion, 1);
        writer.WriteUInt(MatroskaId.EbmlReadVersion, 1);
        writer.WriteUInt(MatroskaId.EbmlMaxIdLength, 4);
        writer.WriteUInt(MatroskaId.EbmlMaxSizeLength, 8);
        writer.WriteString(MatroskaId.DocType, WebmLayout.DocType);
        writer.WriteUInt(MatroskaId.DocTypeVersion, 4);
        writer.WriteUInt(MatroskaId.DocTypeReadVersion, 2);
        writer.EndMaster(ebml);

        writer.WriteId(MatroskaId.Segment);
        writer.WriteUnknownSize();
        var segmentStart = writer.Position;

        // The finalizer rewrites this with a Cues entry; until then it points at what exists.
        var seekHeadAt = writer.Position;
        writer.WriteVoid(WebmLayout.SeekHeadReserve);

        var infoAt = writer.Position - segmentStart;
        var info = writer.StartMaster(MatroskaId.Info);
        writer.WriteUInt(MatroskaId.TimecodeScale, WebmLayout.TimecodeScaleNanoseconds);
        writer.WriteString(MatroskaId.MuxingApp, WebmLayout.AppName);
        writer.WriteString(MatroskaId.WritingApp, WebmLayout.AppName);
        writer.WriteVoid(WebmLayout.DurationElementLength);
        writer.EndMaster(info);

        var tracksAt = writer.Position - segmentStart;
        var tracks = writer.StartMaster(MatroskaId.Tracks);
        if (AudioTrack != 0)
        {
            WriteOpusTrack(ref writer, opusChannels);
        }

        if (VideoTrack != 0)
        {
            WriteVp8Track(ref writer);
        }

        writer.EndMaster(tracks);

        var seekHead = new EbmlWriter(buffer.AsSpan(seekHeadAt, WebmLayout.SeekHeadReserve));
        WriteSeekHead(ref seekHead, infoAt, tracksAt, cuesAt: -1);
        seekHead.WriteVoid(WebmLayout.SeekHeadReserve - seekHead.Position);

        _stream.Write(buffer, 0, writer.Position);
        _stream.Flush();
    }

    private void WriteOpusTrack(ref EbmlWriter writer, int channels)
    {
        var entry = writer.StartMaster(MatroskaId.TrackEntry);
        writer.WriteUInt(MatroskaId.TrackNumber, (ulong)AudioTrack);
        writer.WriteUInt(MatroskaId.TrackUid, NewTrackUid(), 8);
        writer.WriteUInt(MatroskaId.TrackType, MatroskaId.TrackTypeAudio);
        writer.WriteUInt(MatroskaId.FlagLacing, 0);
        writer.WriteString(MatroskaId.CodecId, "A_OPUS");
        Span<byte> head = stackalloc byte[OpusPacket.OpusHeadLength];
        OpusPacket.WriteOpusHead(head, channels);
        writer.WriteBinary(MatroskaId.CodecPrivate, head);
        writer.WriteUInt(MatroskaId.CodecDelay, 0);
        writer.WriteUInt(MatroskaId.SeekPreRoll, WebmLayout.OpusSeekPreRollNanoseconds);
        var audio = writer.StartMaster(MatroskaId.Audio);
        writer.WriteFloat(MatroskaId.SamplingFrequency, OpusPacket.SampleRate);
        writer.WriteUInt(MatroskaId.Channels, (ulong)channels);
        writer.EndMaster(audio);
        writer.EndMaster(entry);
    }

    private void WriteVp8Track(ref EbmlWriter writer)
    {
        var entry = writer.StartMaster(MatroskaId.TrackEntry);
        writer.WriteUInt(MatroskaId.TrackNumber, (ulong)VideoTrack);
        writer.WriteUInt(MatroskaId.TrackUid, NewTrackUid(), 8);
        writer.WriteUInt(MatroskaId.TrackType, MatroskaId.TrackTypeVideo);
        writer.WriteUInt(MatroskaId.FlagLacing, 0);
        writer.WriteString(MatroskaId.CodecId, "V_VP8");
        var video = writer.StartMaster(MatroskaId.Video);
        // Unknown until the first key frame; patched in place then (VP8 sizes fit 14 bits).
        _videoSizeAt = _start + writer.Position;
        writer.WriteUInt(MatroskaId.PixelWidth, 0, WebmLayout.PixelSizeWidth);
        writer.WriteUInt(MatroskaId.PixelHeight, 0, WebmLayout.PixelSizeWidth);
        writer.EndMaster(video);
        writer.EndMaster(entry);
    }

    /// <summary>A SeekHead naming Info, Tracks and (when written) Cues by their offsets in the segment.</summary>
    internal static void WriteSeekHead(ref EbmlWriter writer, long infoAt, long tracksAt, long cuesAt)
    {
        var seekHead = writer.StartMaster(MatroskaId.SeekHead);
        WriteSeek(ref writer, MatroskaId.Info, infoAt);
        WriteSeek(ref writer, MatroskaId.Tracks, tracksAt);
        if (cuesAt >= 0)
        {
            WriteSeek(ref writer, MatroskaId.Cues, cuesAt);
        }

        writer.EndMaster(seekHead);
    }

    private static void WriteSeek(ref EbmlWriter writer, uint id, long position)
    {
        var seek = writer.StartMaster(MatroskaId.Seek);
        Span<byte> idBytes = stackalloc byte[4];
        var idWriter = new EbmlWriter(idBytes);
        idWriter.WriteId(id);
        writer.WriteBinary(MatroskaId.SeekId, idWriter.Written);
        writer.WriteUInt(MatroskaId.SeekPosition, (ulong)position);
        writer.EndMaster(seek);
    }

    /// <summary>Track UIDs only need to be unique within the file (RFC 9559 §5.1.4.1.2); zero is not allowed.</summary>
    private static ulong NewTrackUid() => (ulong)Random.Shared.NextInt64(1, long.MaxValue);
}
