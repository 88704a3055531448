// Video quality helpers shared by calls and the echo test.

/** Asks for 720p: the relay's bandwidth feedback lets the encoder climb to it (Chromium's fake camera has it too). */
export const VIDEO_CONSTRAINTS = { width: { ideal: 1280 }, height: { ideal: 720 } };

/**
 * Keeps the camera's resolution when the encoder is short of CPU or bandwidth: Chromium then
 * lowers the frame rate instead (WebRTC's degradationPreference), so a busy machine still sends
 * sharp pictures. Best effort: a browser without the setting keeps its default.
 */
export async function preferResolution(sender) {
  // A video sender whose camera is off has no track yet; it is set up all the same.
  if (!sender || sender.track?.kind === 'audio') return;
  try {
    const parameters = sender.getParameters();
    parameters.degradationPreference = 'maintain-resolution';
    await sender.setParameters(parameters);
  } catch (e) {
    console.warn('degradationPreference', e);
  }
}

/**
 * The figures that show bandwidth feedback working: video bytes sent (with their time, for a
 * rate between two samples), the sender's bandwidth estimate, and the sizes of the frames sent and received.
 */
export async function bandwidthStats(pc) {
  return bandwidthFigures(await pc.getStats());
}

/** The same figures from a getStats report already in hand. */
export function bandwidthFigures(report) {
  const result = {
    timestamp: performance.now(),
    videoBytesSent: 0,
    availableOutgoingBitrate: null,
    sentFrameWidth: null,
    sentFrameHeight: null,
    receivedFrameWidth: null,
    receivedFrameHeight: null,
    framesDecoded: 0,
    qualityLimitationReason: null,
  };
  const byId = new Map();
  report.forEach((s) => byId.set(s.id, s));
  report.forEach((s) => {
    if (s.type === 'outbound-rtp' && s.kind === 'video') {
      result.videoBytesSent += s.bytesSent ?? 0;
      result.sentFrameWidth = s.frameWidth ?? result.sentFrameWidth;
      result.sentFrameHeight = s.frameHeight ?? result.sentFrameHeight;
      result.qualityLimitationReason = s.qualityLimitationReason ?? result.qualityLimitationReason;
    }
    if (s.type === 'inbound-rtp' && s.kind === 'video') {
      result.receivedFrameWidth = s.frameWidth ?? result.receivedFrameWidth;
      result.receivedFrameHeight = s.frameHeight ?? result.receivedFrameHeight;
      result.framesDecoded += s.framesDecoded ?? 0;
    }
    if (s.type === 'transport' && s.selectedCandidatePairId) {
      const pair = byId.get(s.selectedCandidatePairId);
      if (pair?.availableOutgoingBitrate !== undefined) result.availableOutgoingBitrate = pair.availableOutgoingBitrate;
    }
  });
  return result;
}
