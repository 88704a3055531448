// Call tones synthesised with Web Audio: an OscillatorNode per beep, shaped by a GainNode, so the
// app ships no audio files. One tone at a time; playTone replaces whatever was playing.
//
// A browser starts an AudioContext only after the person has interacted with the page. The
// caller has just clicked, so the ringback always sounds; an incoming ringtone sounds when the
// person has clicked anywhere on the page before (otherwise the window still shows the call).

const VOLUME = 0.12;

/**
 * Each pattern is one cycle, repeated: beeps as [start s, duration s, frequencies Hz].
 * ringback: what the caller hears while the other side rings, the familiar 440 + 480 Hz pair,
 * 2 s on and 4 s off. ringtone: an incoming call, a bright trill twice, then a pause.
 */
const PATTERNS = {
  ringback: { cycle: 6, beeps: [[0, 2, [440, 480]]] },
  ringtone: {
    cycle: 3,
    beeps: [
      ...Array.from({ length: 8 }, (_, i) => [i * 0.1, 0.1, [i % 2 ? 660 : 880]]),
      ...Array.from({ length: 8 }, (_, i) => [1 + i * 0.1, 0.1, [i % 2 ? 660 : 880]]),
    ],
  },
};

/** @type {AudioContext | null} */
let context = null;
/** @type {{ name: string, timer: number, output: GainNode, oscillators: OscillatorNode[] } | null} */
let playing = null;

function audioContext() {
  if (!context) context = new AudioContext();
  if (context.state === 'suspended') context.resume().catch(() => {});
  return context;
}

/** Schedules one cycle of the pattern from `at` (AudioContext time). */
function scheduleCycle(tone, pattern, at) {
  const ctx = audioContext();
  for (const [start, duration, frequencies] of pattern.beeps) {
    const t0 = at + start;
    const t1 = t0 + duration;
    // A short ramp in and out: a tone switched on or off abruptly clicks.
    const envelope = ctx.createGain();
    envelope.gain.setValueAtTime(0, t0);
    envelope.gain.linearRampToValueAtTime(1 / frequencies.length, t0 + 0.01);
    envelope.gain.setValueAtTime(1 / frequencies.length, t1 - 0.01);
    envelope.gain.linearRampToValueAtTime(0, t1);
    envelope.connect(tone.output);
    for (const frequency of frequencies) {
      const oscillator = ctx.createOscillator();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      oscillator.connect(envelope);
      oscillator.start(t0);
      oscillator.stop(t1);
      tone.oscillators.push(oscillator);
      oscillator.onended = () => {
        const i = tone.oscillators.indexOf(oscillator);
        if (i >= 0) tone.oscillators.splice(i, 1);
      };
    }
  }
}

/** Starts a tone by name ('ringback' | 'ringtone'), replacing any tone that is playing. */
export function playTone(name) {
  stopTone();
  const pattern = PATTERNS[name];
  try {
    const ctx = audioContext();
    const output = ctx.createGain();
    output.gain.value = VOLUME;
    output.connect(ctx.destination);
    const tone = { name, timer: 0, output, oscillators: [] };
    let next = ctx.currentTime + 0.05;
    scheduleCycle(tone, pattern, next);
    // Schedule each next cycle half a second before it is due: timers drift, and stopping then
    // never leaves a cycle queued far ahead.
    tone.timer = setInterval(() => {
      if (ctx.currentTime < next + pattern.cycle - 0.5) return;
      next += pattern.cycle;
      scheduleCycle(tone, pattern, next);
    }, 200);
    playing = tone;
  } catch (e) {
    // No audio output (or Web Audio) must not break the call itself.
    console.warn('call tone unavailable', e);
    playing = null;
  }
}

/** Stops the tone that is playing, if any, at once. */
export function stopTone() {
  if (!playing) return;
  const tone = playing;
  playing = null;
  clearInterval(tone.timer);
  for (const oscillator of tone.oscillators) {
    try { oscillator.stop(); } catch { /* already stopped */ }
  }
  tone.output.disconnect();
}

/** The name of the tone playing now, or null (for the window's test helper). */
export function currentTone() {
  return playing?.name ?? null;
}
