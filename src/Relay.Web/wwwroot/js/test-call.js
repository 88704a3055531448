// The echo test: one RTCPeerConnection to the relay, which sends our own audio and video back.
// The browser offers; the relay (ICE-lite, DTLS server) answers through the hub.
import { hub, hubErrorText } from './hub.js';
import { VIDEO_CONSTRAINTS, bandwidthFigures, preferResolution, resolutionFollower } from './video-quality.js';

const $ = (id) => document.getElementById(id);
const startButton = $('echo-start');
const stopButton = $('echo-stop');
const stateEl = $('echo-state');
const errorEl = $('echo-error');

let pc = null;
let stream = null;
let statsTimer = null;
// Fed from showStats' own report, so the page reads the stats once a second, not twice.
let observeBandwidth = async () => {};
let previous = null;

function setState(text) { stateEl.textContent = text; }

function showError(text) {
  errorEl.textContent = text;
  errorEl.hidden = !text;
}

function kbps(bytesNow, bytesBefore, msNow, msBefore) {
  if (bytesBefore === undefined || msNow <= msBefore) return '–';
  return `${Math.round(((bytesNow - bytesBefore) * 8) / (msNow - msBefore))} kbit/s`;
}

async function start() {
  showError('');
  startButton.disabled = true;
  try {
    setState('starting');
    stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: VIDEO_CONSTRAINTS });
    $('echo-local').srcObject = stream;
    pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    const remote = new MediaStream();
    $('echo-remote').srcObject = remote;
    pc.ontrack = (e) => remote.addTrack(e.track);
    pc.onconnectionstatechange = () => {
      setState(pc.connectionState);
      if (pc.connectionState === 'failed') showError('The connection to the relay failed. Check that UDP to the server is allowed.');
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    setState('connecting');
    const answer = await hub.invoke('StartEchoTest', pc.localDescription.sdp);
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    for (const sender of pc.getSenders()) await preferResolution(sender);
    observeBandwidth = resolutionFollower(pc.getSenders().find((s) => s.track?.kind === 'video'));
    stopButton.disabled = false;
    statsTimer = setInterval(showStats, 1000);
  } catch (e) {
    showError(e?.name === 'NotAllowedError' ? 'Allow the camera and microphone to run the test.' : hubErrorText(e));
    stop();
  }
}

async function showStats() {
  if (!pc) return;
  const report = await pc.getStats();
  // The same report: after an await, Stop may have cleared pc.
  const video = bandwidthFigures(report);
  if (pc?.connectionState === 'connected') observeBandwidth(video.availableOutgoingBitrate);
  const now = { time: performance.now(), sent: 0, received: 0, videoSent: video.videoBytesSent };
  let videoPackets = 0, audioPackets = 0, frames = 0, lost = 0;
  let pair = null;
  const byId = new Map();
  report.forEach((s) => byId.set(s.id, s));
  report.forEach((s) => {
    if (s.type === 'outbound-rtp') now.sent += s.bytesSent ?? 0;
    if (s.type === 'inbound-rtp') {
      now.received += s.bytesReceived ?? 0;
      lost += s.packetsLost ?? 0;
      if (s.kind === 'video') { videoPackets += s.packetsReceived ?? 0; frames += s.framesDecoded ?? 0; }
      if (s.kind === 'audio') audioPackets += s.packetsReceived ?? 0;
    }
    // The relay's receiver reports: Chromium derives the round trip from their LSR and DLSR.
    if (s.type === 'remote-inbound-rtp' && s.kind === 'video' && s.roundTripTime !== undefined) {
      $('stat-rtt').textContent = `${Math.round(s.roundTripTime * 1000)} ms`;
    }
    if (s.type === 'transport') {
      pair = byId.get(s.selectedCandidatePairId) ?? pair;
      $('stat-srtp').textContent = s.srtpCipher ? `${s.srtpCipher} · DTLS ${s.tlsVersion ?? ''}` : '–';
    }
  });
  if (pair) {
    const remote = byId.get(pair.remoteCandidateId);
    if (remote) $('stat-remote').textContent = `${remote.address ?? remote.ip}:${remote.port} (${remote.protocol})`;
  }
  $('stat-sent').textContent = kbps(now.sent, previous?.sent, now.time, previous?.time);
  $('stat-video-sent').textContent = kbps(now.videoSent, previous?.videoSent, now.time, previous?.time);
  $('stat-estimate').textContent = video.availableOutgoingBitrate == null ? '–' : `${Math.round(video.availableOutgoingBitrate / 1000)} kbit/s`;
  $('stat-resolution-sent').textContent = video.sentFrameWidth ? `${video.sentFrameWidth}x${video.sentFrameHeight}` : '–';
  $('stat-resolution').textContent = video.receivedFrameWidth ? `${video.receivedFrameWidth}x${video.receivedFrameHeight}` : '–';
  $('stat-received').textContent = kbps(now.received, previous?.received, now.time, previous?.time);
  $('stat-video-packets').textContent = String(videoPackets);
  $('stat-audio-packets').textContent = String(audioPackets);
  $('stat-frames').textContent = String(frames);
  $('stat-lost').textContent = String(lost);
  previous = now;
}

function stop() {
  if (pc) hub.invoke('StopEchoTest').catch(() => {});
  clearInterval(statsTimer);
  statsTimer = null;
  observeBandwidth = async () => {};
  previous = null;
  pc?.close();
  pc = null;
  stream?.getTracks().forEach((t) => t.stop());
  stream = null;
  startButton.disabled = false;
  stopButton.disabled = true;
  if (stateEl.textContent !== 'failed') setState('stopped');
}

startButton.addEventListener('click', start);
stopButton.addEventListener('click', stop);
await hub.started;
document.querySelector('.test-call').dataset.ready = 'true';
