// Audio and video calls, on every signed-in page (the layout loads this module and the window's
// markup, Features/Shared/_CallWindow.cshtml).
//
// Media never goes browser to browser: each party's RTCPeerConnection peers with the server's
// relay (ICE-lite, DTLS-SRTP). The browser always offers and the relay answers through the hub,
// exactly as in the echo test; the relay forwards each leg's media to the other. The server owns
// the call's state (ARCHITECTURE.md, "Call lifecycle"); this module mirrors it in the window:
// idle → calling | ringing → connected → ended.
import { hub, hubErrorText } from './hub.js';
import { playTone, stopTone, currentTone } from './call-tones.js';
import { VIDEO_CONSTRAINTS, bandwidthStats, followBandwidth, preferResolution } from './video-quality.js';

const win = document.getElementById('call-window');
const me = win.dataset.userId;
const $ = (id) => document.getElementById(id);
const ui = {
  kind: $('call-kind'),
  with: $('call-with'),
  state: $('call-state'),
  timer: $('call-timer'),
  remote: /** @type {HTMLVideoElement} */ ($('call-remote')),
  local: /** @type {HTMLVideoElement} */ ($('call-local')),
  avatar: $('call-avatar'),
  peer: $('call-peer'),
  status: $('call-status'),
  error: $('call-error'),
  mute: $('call-mute'),
  camera: $('call-camera'),
  accept: $('call-accept'),
  reject: $('call-reject'),
  hangup: $('call-hangup'),
  reconnecting: $('call-reconnecting'),
  peerLost: $('call-peer-lost'),
  peerLostText: $('call-peer-lost-text'),
  remoteMuted: $('remote-muted'),
  remoteCameraOff: $('remote-camera-off'),
  record: $('call-record'),
  recording: $('recording-indicator'),
  notice: $('call-notice'),
  quality: $('call-quality'),
  qualityOther: $('call-quality-other'),
};

/** New peer connections in a row a connected call may try before it gives up (the server's grace bounds the time). */
const MAX_REJOINS = 3;

/**
 * How long a path that reads "disconnected" when the hub comes back may take to recover by itself
 * (its leg is still at the relay) before a new peer connection is offered: the hub can be back
 * first, and a path that recovers keeps its media flowing with no new handshake.
 */
const PATH_SETTLE_MS = 5000;

/** How long the window shows "ended" before it closes; longer when it explains an error. */
const CLOSE_AFTER_MS = 2000;
const CLOSE_AFTER_ERROR_MS = 5000;

const END_TEXT = {
  HungUp: 'Call ended',
  Rejected: 'Call declined',
  Missed: 'No answer',
  Cancelled: 'Call cancelled',
  Busy: 'Busy on another call',
  Failed: 'The connection failed',
  ServerShutdown: 'The server is restarting',
  EndedByAdmin: 'An administrator ended the call',
};

/**
 * The one call this tab shows, or null.
 * @type {null | {
 *   id: string | null, type: 'audio' | 'video', role: 'caller' | 'callee', peerName: string,
 *   phase: 'calling' | 'ringing' | 'connecting' | 'connected' | 'ended',
 *   stream: MediaStream | null, pc: RTCPeerConnection | null,
 *   audioSender: RTCRtpSender | null, videoSender: RTCRtpSender | null,
 *   muted: boolean, cameraOff: boolean, mediaStarted: boolean, cancelled: boolean,
 *   connectedAt: number | null, ticker: number, closeTimer: number,
 *   hubLost: boolean, rejoining: boolean, rejoinsInARow: number, rejoins: number,
 * }}
 */
let call = null;

/** The page's own title, shown again once an incoming call stops ringing. */
const pageTitle = document.title;
/** Where keyboard focus was before the window opened, to give it back when it closes. */
let focusBefore = null;

/**
 * Events that arrive for a call whose CallInvite has not returned yet (so its id is unknown):
 * the callee can answer, or the server end the call, before the invoke's result comes back.
 * @type {Map<string, () => void>}
 */
const early = new Map();

// ---- the window ------------------------------------------------------------------------------

function setPhase(phase) {
  call.phase = phase;
  // Any change of state silences the ringtone or ringback (they are restarted by the phases that want them).
  stopTone();
  document.title = pageTitle;
  win.dataset.phase = phase;
  // The test hook shows the seed's four states; "connecting" (accepted, media not yet flowing) is
  // still "calling" for the caller and "ringing" for the callee.
  ui.state.textContent = phase === 'connecting' ? (call.role === 'caller' ? 'calling' : 'ringing') : phase;
  const kindText = call.type === 'video' ? 'video call' : 'voice call';
  switch (phase) {
    case 'calling':
      setStatus('Calling…');
      playTone('ringback');
      ui.hangup.focus();
      break;
    case 'ringing':
      setStatus(`Incoming ${kindText}`);
      playTone('ringtone');
      // A background tab shows the call in its title, where the person can see it.
      document.title = `Incoming call · ${call.peerName}`;
      ui.accept.focus();
      break;
    case 'connecting':
      setStatus('Connecting…');
      break;
    case 'connected':
      setStatus('');
      call.connectedAt = performance.now();
      win.dataset.wasConnected = 'true';
      tick();
      call.ticker = setInterval(tick, 1000);
      break;
    default:
      break;
  }
}

function setStatus(text) {
  ui.status.textContent = text;
}

function showError(text) {
  ui.error.textContent = text;
  ui.error.hidden = !text;
}

function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function tick() {
  if (call?.connectedAt != null) ui.timer.textContent = duration(performance.now() - call.connectedAt);
}

function openWindow(type, role, peerName) {
  clearTimeout(call?.closeTimer);
  call = {
    id: null, type, role, peerName, phase: 'calling',
    stream: null, pc: null, audioSender: null, videoSender: null,
    muted: false, cameraOff: false, mediaStarted: false, cancelled: false,
    connectedAt: null, ticker: 0, closeTimer: 0,
    // A connected call that lost its network: the hub connection (until ResumeCall), or the media
    // path (until a new peer connection connects).
    hubLost: false, rejoining: false, rejoinsInARow: 0, rejoins: 0,
    // Call-setup timing (performance.now()): when this side learned of the answer, and its first remote frame.
    acceptedAt: null, firstFrameAt: null,
  };
  win.dataset.kind = type;
  win.dataset.role = role;
  delete win.dataset.remoteVideo;
  delete win.dataset.remoteCamera;
  delete win.dataset.localCamera;
  delete win.dataset.wasConnected;
  ui.kind.textContent = type === 'video' ? 'Video call' : 'Voice call';
  ui.peer.textContent = peerName;
  ui.with.textContent = peerName;
  ui.avatar.textContent = (peerName || '?').slice(0, 1).toUpperCase();
  ui.timer.textContent = '00:00';
  ui.reconnecting.hidden = true;
  ui.peerLost.hidden = true;
  ui.remoteMuted.hidden = true;
  ui.remoteCameraOff.hidden = true;
  showRecording(false, '');
  ui.quality.hidden = true;
  ui.qualityOther.hidden = true;
  setPressed(ui.mute, false, 'Mute microphone', 'Unmute microphone', 'Mute', 'Unmute');
  setPressed(ui.camera, false, 'Turn camera off', 'Turn camera on', 'Camera', 'Camera');
  for (const button of [ui.accept, ui.reject, ui.hangup, ui.mute, ui.camera]) button.disabled = false;
  showError('');
  focusBefore = document.activeElement;
  setPageInert(true);
  win.hidden = false;
  document.body.classList.add('in-call');
}

function closeWindow() {
  if (!call) return;
  clearTimeout(call.closeTimer);
  teardown();
  call = null;
  win.hidden = true;
  win.dataset.phase = 'idle';
  ui.state.textContent = 'idle';
  ui.remote.srcObject = null;
  ui.local.srcObject = null;
  document.body.classList.remove('in-call');
  setPageInert(false);
  document.title = pageTitle;
  if (focusBefore instanceof HTMLElement && focusBefore.isConnected) focusBefore.focus();
  focusBefore = null;
}

/** The window is modal: the page behind it takes neither clicks nor keyboard focus meanwhile. */
function setPageInert(inert) {
  for (const element of document.body.children) {
    if (element !== win && element.tagName !== 'SCRIPT') element.inert = inert;
  }
}

function setPressed(button, pressed, label, pressedLabel, text, pressedText) {
  button.setAttribute('aria-pressed', String(pressed));
  button.setAttribute('aria-label', pressed ? pressedLabel : label);
  button.querySelector('.label').textContent = pressed ? pressedText : text;
}

// ---- media ---------------------------------------------------------------------------------

async function openDevices(type) {
  // Audio calls ask for the microphone only: no camera light, and no video offered to the relay.
  return navigator.mediaDevices.getUserMedia({
    audio: true,
    video: type === 'video' ? VIDEO_CONSTRAINTS : false,
  });
}

function stopStream(stream) {
  stream.getTracks().forEach((t) => t.stop());
}

/** Keeps the opened devices for the call, unless the call ended (or another tab took it) meanwhile. */
function adoptStream(current, stream) {
  if (call !== current || current.phase === 'ended') {
    stopStream(stream);
    return false;
  }
  current.stream = stream;
  if (current.type === 'video') ui.local.srcObject = stream;
  return true;
}

function deviceErrorText(e) {
  if (e?.name === 'NotAllowedError') return 'Allow the microphone (and the camera, for video) to make calls.';
  if (e?.name === 'NotFoundError') return 'No microphone or camera was found.';
  if (e?.name === 'NotReadableError') return 'The microphone or camera is in use by another program.';
  return `The microphone or camera could not be opened (${e?.name ?? e}).`;
}

/** Peers this tab with the relay for the call: offer, the relay's answer, then ICE and DTLS. */
async function startMedia() {
  if (!call || call.mediaStarted) return;
  if (!call.stream) { fail('The microphone is not open.'); return; }
  const current = call;
  current.mediaStarted = true;
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  current.pc = pc;
  const [audioTrack] = current.stream.getAudioTracks();
  const [videoTrack] = current.stream.getVideoTracks();
  if (audioTrack) current.audioSender = pc.addTrack(audioTrack, current.stream);
  if (videoTrack) current.videoSender = pc.addTrack(videoTrack, current.stream);
  // Toggled while the call was still ringing: start without that track.
  if (current.muted) await current.audioSender?.replaceTrack(null);
  if (current.cameraOff) await current.videoSender?.replaceTrack(null);

  const remote = new MediaStream();
  ui.remote.srcObject = remote;
  pc.ontrack = (e) => remote.addTrack(e.track);
  pc.onconnectionstatechange = () => {
    if (call !== current || current.pc !== pc) return;
    if (pc.connectionState === 'connected') {
      if (current.phase === 'connecting') setPhase('connected');
      current.rejoining = false;
      current.rejoinsInARow = 0;
    }
    if (pc.connectionState === 'failed') {
      // A connected call outlives a lost path: a new peer connection, a new leg at the relay,
      // which waits Calls:ReconnectGrace for it. A call that never connected has nothing to keep.
      if (current.phase !== 'connected') {
        fail('The connection to the relay failed. Check that UDP to the server is allowed.');
        return;
      }
      current.rejoining = false;
      if (!current.hubLost) rejoinMedia(current);
    }
    // A path that stops carrying anything reads "disconnected" after a few seconds and comes back
    // by itself when the network does (the relay keeps the leg until consent expires): say so.
    showReconnecting(current);
  };

  try {
    await pc.setLocalDescription(await pc.createOffer());
    const answer = await hub.invoke('WebrtcOffer', current.id, pc.localDescription.sdp);
    if (call !== current || current.phase === 'ended') return;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    await preferResolution(current.videoSender);
    current.stopFollowingBandwidth = followBandwidth(pc, current.videoSender);
    if (current.muted || current.cameraOff) sendMediaState();
  } catch (e) {
    // Offering again while the hub is down: resuming the call will offer once more.
    if (call === current && current.phase !== 'ended' && !current.hubLost) fail(hubErrorText(e));
  }
}

/** A connected call whose media path failed: a new peer connection, whose offer replaces the leg. */
async function rejoinMedia(current) {
  if (call !== current || current.phase !== 'connected' || current.rejoining) return;
  if (++current.rejoinsInARow > MAX_REJOINS) {
    fail('The connection to the relay failed and could not be made again.');
    return;
  }
  current.rejoining = true;
  current.rejoins += 1;
  showReconnecting(current);
  current.stopFollowingBandwidth?.();
  current.pc?.close();
  current.pc = null;
  current.mediaStarted = false;
  await startMedia();
}

/**
 * "Reconnecting…" while a connected call has lost its network: the path reads disconnected, the
 * hub connection is gone, or a new peer connection is on its way.
 */
function showReconnecting(current) {
  const pcState = current.pc?.connectionState;
  const reconnecting = current.phase === 'connected'
    && (current.hubLost || current.rejoining || pcState === 'disconnected' || pcState === 'failed');
  ui.reconnecting.hidden = !reconnecting;
  // The relay's callQuality events do not reach a window whose network is down, and the last
  // one would go on saying "good": say what this side knows until the next event arrives.
  if (reconnecting) {
    showLink(ui.quality, 'Your connection', { level: 'lost' });
    ui.qualityOther.hidden = true;
    ui.peerLost.hidden = true;
  }
}

/** Stops the devices and the peer connection; the window stays as it is. */
function teardown() {
  stopTone();
  ui.reconnecting.hidden = true;
  ui.peerLost.hidden = true;
  if (!call) return;
  clearInterval(call.ticker);
  call.stopFollowingBandwidth?.();
  call.pc?.close();
  call.pc = null;
  if (call.stream) stopStream(call.stream);
  call.stream = null;
}

function sendMediaState() {
  if (!call?.id) return;
  const audioEnabled = !call.muted;
  const videoEnabled = call.type === 'video' && !call.cameraOff;
  hub.invoke('CallMediaState', call.id, audioEnabled, videoEnabled).catch((e) => console.warn('CallMediaState', e));
}

// ---- ending ----------------------------------------------------------------------------------

/** Shows why the call ended, releases the devices, and closes the window shortly after. */
function ended(reason, errorText = '') {
  if (!call || call.phase === 'ended') return;
  teardown();
  setPhase('ended');
  const lasted = call.connectedAt != null ? ` · ${ui.timer.textContent}` : '';
  // To the person called, a call that stopped ringing before they answered is a missed call.
  const missed = call.role === 'callee' && call.connectedAt == null && (reason === 'Cancelled' || reason === 'Missed');
  setStatus((missed ? 'Missed call' : END_TEXT[reason] ?? 'Call ended') + lasted);
  if (errorText) showError(errorText);
  for (const button of [ui.accept, ui.reject, ui.hangup, ui.mute, ui.camera]) button.disabled = true;
  const current = call;
  current.closeTimer = setTimeout(() => { if (call === current) closeWindow(); }, errorText ? CLOSE_AFTER_ERROR_MS : CLOSE_AFTER_MS);
}

/** Something broke on this side: tell the server (so the other side ends too) and show why. */
function fail(text) {
  if (call?.id) hub.invoke('CallHangup', call.id).catch(() => {});
  ended('Failed', text);
}

// ---- actions ---------------------------------------------------------------------------------

async function startCall(conversationId, type, peerName) {
  if (call?.phase === 'ended') closeWindow();
  if (call) return;
  openWindow(type, 'caller', peerName);
  const current = call;
  setPhase('calling');
  try {
    // Devices first: if the camera is refused, the other person is never rung for nothing.
    if (!adoptStream(current, await openDevices(type))) return;
  } catch (e) {
    if (call === current) ended('Failed', deviceErrorText(e));
    return;
  }

  let details;
  try {
    details = await hub.invoke('CallInvite', conversationId, type);
  } catch (e) {
    if (call === current) ended('Failed', hubErrorText(e));
    return;
  }
  current.id = details.id;
  const pending = early.get(details.id);
  early.clear();
  if (current.cancelled) {
    // Hung up before the server had even answered: cancel the call it has just made.
    hub.invoke('CallHangup', details.id).catch(() => {});
    return;
  }
  // Busy: the server ended the call at once.
  if (details.state === 'Ended') { ended(details.endReason); return; }
  pending?.();
}

async function accept() {
  if (!call || call.phase !== 'ringing') return;
  const current = call;
  ui.accept.disabled = true;
  ui.reject.disabled = true;
  setPhase('connecting');
  current.acceptedAt = performance.now();
  try {
    if (!adoptStream(current, await openDevices(current.type))) return;
  } catch (e) {
    if (call !== current) return;
    // Without a microphone there is no call: decline it, so the caller is not left ringing.
    hub.invoke('CallReject', current.id).catch(() => {});
    ended('Failed', deviceErrorText(e));
    return;
  }
  try {
    await hub.invoke('CallAccept', current.id);
  } catch (e) {
    if (call === current) ended('Failed', hubErrorText(e));
    return;
  }
  if (call === current && current.phase !== 'ended') await startMedia();
}

function reject() {
  if (!call || call.phase !== 'ringing') return;
  hub.invoke('CallReject', call.id).catch((e) => console.warn('CallReject', e));
  ended('Rejected');
}

function hangup() {
  if (!call || call.phase === 'ended') return;
  if (call.id) hub.invoke('CallHangup', call.id).catch((e) => console.warn('CallHangup', e));
  else call.cancelled = true;
  ended(call.phase === 'calling' ? 'Cancelled' : 'HungUp');
}

async function toggleMute() {
  if (!call || call.phase === 'ended') return;
  call.muted = !call.muted;
  const [track] = call.stream?.getAudioTracks() ?? [];
  setPressed(ui.mute, call.muted, 'Mute microphone', 'Unmute microphone', 'Mute', 'Unmute');
  // replaceTrack(null) stops the RTP itself, not just the sound: nothing of the microphone leaves the browser.
  if (track) track.enabled = !call.muted;
  await call.audioSender?.replaceTrack(call.muted ? null : track ?? null);
  sendMediaState();
}

async function toggleCamera() {
  if (!call || call.phase === 'ended' || call.type !== 'video') return;
  call.cameraOff = !call.cameraOff;
  const [track] = call.stream?.getVideoTracks() ?? [];
  setPressed(ui.camera, call.cameraOff, 'Turn camera off', 'Turn camera on', 'Camera', 'Camera');
  win.dataset.localCamera = call.cameraOff ? 'off' : 'on';
  if (track) track.enabled = !call.cameraOff;
  await call.videoSender?.replaceTrack(call.cameraOff ? null : track ?? null);
  sendMediaState();
}

// ---- server events ---------------------------------------------------------------------------

/** Runs `action` for the call this tab shows, or keeps it until this tab's CallInvite returns. */
function forCall(id, action) {
  if (call?.id === id) action();
  else if (call && call.id === null && call.role === 'caller') early.set(id, action);
}

function onIncoming(details) {
  if (details.calleeId !== me) return;
  // A window still showing how the last call ended gives way to the new one.
  if (call?.phase === 'ended') closeWindow();
  // Busy in this tab: the server decides what the caller is told, this tab keeps its call.
  if (call) return;
  openWindow(details.type, 'callee', details.callerName);
  call.id = details.id;
  setPhase('ringing');
}

function onAccepted(details) {
  forCall(details.id, () => {
    // The accepting tab started its media from CallAccept's result; the caller starts here.
    if (call.role !== 'caller' || call.phase !== 'calling') return;
    call.acceptedAt = performance.now();
    setPhase('connecting');
    startMedia();
  });
}

function onRejected(details) {
  forCall(details.id, () => ended('Rejected'));
}

function onEnded(event) {
  const details = event.call;
  forCall(details.id, () => ended(event.reason ?? details.endReason));
}

function onAnsweredElsewhere(details) {
  // Another of my tabs took the call (the accepting tab is never told this): this one stops
  // ringing, or gives up its own accept if both were pressed at once.
  if (call?.id === details.id && call.phase !== 'ended') closeWindow();
}

// ---- recording -------------------------------------------------------------------------------

/** Both parties see the indicator while the relay records the call, and a notice when it changes. */
function showRecording(on, notice) {
  ui.recording.hidden = !on;
  win.dataset.recording = on ? 'on' : 'off';
  setPressed(ui.record, on, 'Record this call', 'Stop recording', 'Record', 'Stop');
  ui.notice.textContent = notice;
  ui.notice.hidden = !notice;
}

async function toggleRecording() {
  if (!call?.id || call.phase !== 'connected') return;
  const start = win.dataset.recording !== 'on';
  ui.record.disabled = true;
  try {
    await hub.invoke(start ? 'CallRecordStart' : 'CallRecordStop', call.id);
  } catch (e) {
    showError(hubErrorText(e));
  } finally {
    ui.record.disabled = false;
  }
}

function onRecordingStarted(state) {
  forCall(state.callId, () => {
    const who = state.byName ? `${state.byName} started recording this call.` : 'This call is being recorded.';
    showRecording(true, who);
  });
}

function onRecordingStopped(state) {
  forCall(state.callId, () => {
    showRecording(false, state.byName ? `${state.byName} stopped the recording.` : 'The recording stopped.');
  });
}

function onMediaState(state) {
  if (!call || call.id !== state.callId || state.userId === me) return;
  ui.remoteMuted.hidden = state.audioEnabled;
  ui.remoteCameraOff.hidden = call.type !== 'video' || state.videoEnabled;
  win.dataset.remoteCamera = state.videoEnabled ? 'on' : 'off';
}

/** Shows one link's level (good, fair, poor, lost: LinkQuality.cs) with its figures on hover. */
function showLink(element, who, link) {
  element.hidden = !link;
  if (!link) return;
  element.textContent = link.level;
  element.className = `call-quality ${link.level}`;
  if (link.level === 'lost') {
    element.title = `${who}: lost\nNothing has come through it for several seconds.`;
    return;
  }
  const rtt = link.rttMs == null ? 'not measured yet' : `${link.rttMs} ms`;
  element.title = `${who}: ${link.level}\nLoss ${link.lossPercent} %\nJitter ${link.jitterMs} ms\nRound trip ${rtt}\n`
    + `Sending ${link.bitrateInKbps} kbit/s, receiving ${link.bitrateOutKbps} kbit/s`;
}

function onQuality(quality) {
  if (!call || call.id !== quality.callId || call.phase === 'ended') return;
  showLink(ui.quality, 'Your connection', quality.you);
  showLink(ui.qualityOther, `${call.peerName}'s connection`, quality.other);
  // The relay hears nothing from the other browser: their network dropped, and the call waits for
  // them (Calls:ReconnectGrace). Without this, their frozen picture looks like a fault of ours.
  const peerLost = quality.other?.level === 'lost' && ui.reconnecting.hidden;
  ui.peerLost.hidden = !peerLost;
  if (peerLost) ui.peerLostText.textContent = `${call.peerName}'s connection dropped. Waiting for them to reconnect…`;
}

hub.on('callIncoming', onIncoming);
hub.on('callAccepted', onAccepted);
hub.on('callRejected', onRejected);
hub.on('callEnded', onEnded);
hub.on('callAnsweredElsewhere', onAnsweredElsewhere);
hub.on('callMediaState', onMediaState);
hub.on('recordingStarted', onRecordingStarted);
hub.on('recordingStopped', onRecordingStopped);
hub.on('callQuality', onQuality);

// The server ends a call that is not yet connected when the connection of a tab taking part in it
// drops (CallManager.ConnectionClosedAsync), and this tab would miss the callEnded sent meanwhile:
// say so now rather than show a call that no longer exists. A connected call waits for the tab
// (Calls:ReconnectGrace): it resumes the call once the hub is back. A tab that is only ringing
// keeps ringing; it can still answer once it is back.
hub.onConnectionLost(() => {
  if (!call || call.phase === 'ended' || call.phase === 'ringing') return;
  if (call.phase === 'connected') {
    call.hubLost = true;
    showReconnecting(call);
    return;
  }
  ended('Failed', 'The connection to the server was lost.');
});

hub.onReconnected(async () => {
  const current = call;
  if (!current?.hubLost || current.phase !== 'connected') return;
  try {
    await hub.invoke('ResumeCall', current.id);
  } catch {
    // Refused: the call ended meanwhile (its grace ran out, or the other party hung up).
    if (call === current) ended('Failed', 'The call ended while you were offline.');
    return;
  }
  if (call !== current || current.phase !== 'connected') return;
  current.hubLost = false;
  if (current.pc?.connectionState === 'disconnected') {
    const waited = current.pc;
    await pathSettled(waited);
    // A path that failed meanwhile has already been replaced (onconnectionstatechange): that new
    // peer connection is on its way, and offering another would only restart its handshake.
    if (call !== current || current.phase !== 'connected' || current.pc !== waited) return;
  }
  // The relay drops a leg that went silent for its consent timeout: offer again unless the path survived.
  if (current.pc?.connectionState !== 'connected') {
    current.rejoining = false;
    await rejoinMedia(current);
  }
  showReconnecting(current);
});

/** Resolves once the peer connection leaves "disconnected", or after PATH_SETTLE_MS. */
function pathSettled(pc) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('connectionstatechange', changed);
      resolve();
    };
    const changed = () => { if (pc.connectionState !== 'disconnected') done(); };
    const timer = setTimeout(done, PATH_SETTLE_MS);
    pc.addEventListener('connectionstatechange', changed);
  });
}

// ---- page wiring -----------------------------------------------------------------------------

// The call buttons in a private conversation's header (Features/Chat/Index.cshtml).
document.addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest('button[data-call]') : null;
  if (!button) return;
  const holder = button.closest('[data-conversation-id]');
  if (!holder) return;
  startCall(holder.dataset.conversationId, button.dataset.call === 'video' ? 'video' : 'audio', holder.dataset.peerName ?? '');
});

ui.accept.addEventListener('click', accept);
ui.reject.addEventListener('click', reject);
ui.hangup.addEventListener('click', hangup);
ui.mute.addEventListener('click', toggleMute);
ui.camera.addEventListener('click', toggleCamera);
ui.record.addEventListener('click', toggleRecording);

// The first remote frame: from then on the video, not the avatar, fills a video call's stage.
ui.remote.addEventListener('resize', () => {
  if (call && ui.remote.videoWidth > 0) {
    win.dataset.remoteVideo = 'on';
    call.firstFrameAt ??= performance.now();
  }
});

// Leaving or reloading the page ends this tab's call at once: the server cannot tell a closed tab
// from a lost network, and would otherwise keep the other party waiting Calls:ReconnectGrace.
// A callee's tab that is only ringing says nothing: the call still rings in the other tabs.
window.addEventListener('pagehide', () => {
  if (call?.id && (call.role === 'caller' || call.phase === 'connecting' || call.phase === 'connected') && call.phase !== 'ended') {
    hub.send('CallHangup', call.id);
  }
});

// ---- test helper -----------------------------------------------------------------------------

/** getStats figures of this tab's call leg, or null when there is none. */
async function stats() {
  const pc = call?.pc;
  if (!pc) return null;
  const report = await pc.getStats();
  const result = {
    connectionState: pc.connectionState,
    framesDecoded: 0,
    videoPacketsReceived: 0,
    audioPacketsReceived: 0,
    audioLevel: null,
    inboundKinds: [],
    framesSent: 0,
    audioPacketsSent: 0,
    // What was negotiated, independent of whether packets arrived yet.
    transceiverKinds: pc.getTransceivers().map((t) => t.receiver.track.kind),
    remoteMediaKinds: [...(pc.remoteDescription?.sdp ?? '').matchAll(/^m=(\w+) (\d+)/gm)].filter((m) => m[2] !== '0').map((m) => m[1]),
    remoteAddress: null,
    remoteProtocol: null,
  };
  const byId = new Map();
  report.forEach((s) => byId.set(s.id, s));
  report.forEach((s) => {
    if (s.type === 'inbound-rtp') {
      result.inboundKinds.push(s.kind);
      if (s.kind === 'video') {
        result.framesDecoded += s.framesDecoded ?? 0;
        result.videoPacketsReceived += s.packetsReceived ?? 0;
      } else if (s.kind === 'audio') {
        result.audioPacketsReceived += s.packetsReceived ?? 0;
        result.audioLevel = s.audioLevel ?? result.audioLevel;
      }
    }
    if (s.type === 'outbound-rtp') {
      if (s.kind === 'video') result.framesSent += s.framesSent ?? 0;
      if (s.kind === 'audio') result.audioPacketsSent += s.packetsSent ?? 0;
    }
    if (s.type === 'transport' && s.selectedCandidatePairId) {
      const pair = byId.get(s.selectedCandidatePairId);
      const remote = pair && byId.get(pair.remoteCandidateId);
      if (remote) {
        result.remoteAddress = `${remote.address ?? remote.ip}:${remote.port}`;
        result.remoteProtocol = remote.protocol;
      }
    }
  });
  return result;
}

// Read-only by construction: a frozen object of functions, for the browser tests (and curious people).
Object.defineProperty(window, '__relayCall', {
  value: Object.freeze({
    state: () => (call ? ui.state.textContent : 'idle'),
    phase: () => call?.phase ?? 'idle',
    callId: () => call?.id ?? null,
    tone: currentTone,
    stats,
    /** Video bitrate, bandwidth estimate and frame sizes (video-quality.js), or null without a call leg. */
    bandwidth: () => (call?.pc ? bandwidthStats(call.pc) : Promise.resolve(null)),
    /** Milliseconds from this side learning of the answer to its first remote video frame, or null. */
    acceptToFirstFrameMs: () => (call?.acceptedAt != null && call.firstFrameAt != null ? call.firstFrameAt - call.acceptedAt : null),
    /** New peer connections this call made after its media path failed. */
    rejoins: () => call?.rejoins ?? 0,
  }),
  enumerable: false,
  writable: false,
  configurable: false,
});

await hub.started;
win.dataset.ready = 'true';
