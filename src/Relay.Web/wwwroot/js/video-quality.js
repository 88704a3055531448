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
 * Resolution steps by the sender's bandwidth estimate (kbit/s): full size from 1 Mbit/s, half
 * from 300 kbit/s, a quarter below. Since the encoder keeps the resolution it is given (above),
 * a narrow link would otherwise get a sharp 720p picture a few times a second; a smaller one
 * that moves is the better call.
 */
const RESOLUTION_STEPS = [{ scale: 1, kbps: 1000 }, { scale: 2, kbps: 300 }, { scale: 4, kbps: 0 }];
// Readings in a row before a step: the estimate starts low and jumps within a second or two
// of connecting (Chromium probes), and dips for a moment now and then; neither should move the picture.
const READINGS_TO_STEP = 3;
// Up only when the estimate clears the next step by this much, so a link near a step does not flap.
const UP_MARGIN = 1.3;
// A reading this far above every earlier one at this step is the estimate still climbing towards
// the path's rate (Chromium ramps by ~8 % a second): the link is not known to be narrow yet.
const CLIMBING = 1.05;

/**
 * Steps a video sender's scaleResolutionDownBy with readings of the connection's bandwidth
 * estimate (availableOutgoingBitrate, bit/s; a reading a second), one step at a time. Returns the
 * function to hand each reading to; readings while a step is being applied are skipped.
 */
export function resolutionFollower(sender) {
  if (!sender || sender.track?.kind === 'audio') return async () => {};
  let step = 0;
  let below = 0;
  let above = 0;
  let highest = 0;
  let busy = false;
  return async (availableOutgoingBitrate) => {
    if (busy || availableOutgoingBitrate == null) return;
    const kbps = availableOutgoingBitrate / 1000;
    const climbing = kbps > highest * CLIMBING;
    highest = Math.max(highest, kbps);
    below = step < RESOLUTION_STEPS.length - 1 && kbps < RESOLUTION_STEPS[step].kbps && !climbing ? below + 1 : 0;
    above = step > 0 && kbps >= RESOLUTION_STEPS[step - 1].kbps * UP_MARGIN ? above + 1 : 0;
    const next = below >= READINGS_TO_STEP ? step + 1 : above >= READINGS_TO_STEP ? step - 1 : step;
    if (next === step) return;
    busy = true;
    try {
      const parameters = sender.getParameters();
      if (!parameters.encodings?.length) return;
      parameters.encodings[0].scaleResolutionDownBy = RESOLUTION_STEPS[next].scale;
      await sender.setParameters(parameters);
      step = next;
      below = 0;
      above = 0;
      highest = 0;
    } catch (e) {
      console.warn('resolutionFollower', e);
    } finally {
      busy = false;
    }
  };
}

/**
 * A resolutionFollower fed from the connection's own stats once a second, for a page that has
 * no stats loop of its own. Returns the function that stops it.
 */
export function followBandwidth(pc, sender, periodMs = 1000) {
  const observe = resolutionFollower(sender);
  const timer = setInterval(async () => {
    if (pc.connectionState !== 'connected') return;
    try {
      await observe(bandwidthFigures(await pc.getStats()).availableOutgoingBitrate);
    } catch (e) {
      console.warn('followBandwidth', e);
    }
  }, periodMs);
  return () => clearInterval(timer);
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
